import type { IDataObject } from 'n8n-workflow';
import { WhatsAppAckTrigger } from '../../../nodes/WhatsAppAckTrigger/WhatsAppAckTrigger.node';
import { BASE_URL, envelope, hookContext, httpError, SECRET, WEBHOOK_URL, webhookContext } from './helpers';

const trigger = new WhatsAppAckTrigger();
const { checkExists, create, delete: remove } = trigger.webhookMethods.default;

const job = (extra: IDataObject = {}): IDataObject => ({
	jobId: 'job_1',
	session: 'desk',
	to: '628111@c.us',
	status: 'delivered',
	ack: 2,
	ackName: 'delivered',
	messageId: 'true_628111@c.us_X1',
	messageIds: ['true_628111@c.us_X1'],
	reference: { appointmentId: 42 },
	history: [
		{ at: '2026-11-02T08:00:00.000Z', status: 'queued' },
		{ at: '2026-11-02T08:00:01.000Z', status: 'sent' },
		{ at: '2026-11-02T08:00:02.000Z', status: 'delivered' },
	],
	...extra,
});

const sentBody = (ctx: ReturnType<typeof hookContext>) =>
	ctx.helpers.httpRequestWithAuthentication.mock.calls.at(-1)![1].body as IDataObject;

describe('WhatsApp Ack Trigger', () => {
	it('is a trigger by n8n rules, defaulting to every status but uncertain', () => {
		const d = trigger.description;
		expect(d).toMatchObject({ name: 'whatsAppAckTrigger', group: ['trigger'], inputs: [] });
		expect(d.displayName).toContain('Trigger');
		expect(d.properties.find((p) => p.name === 'statuses')?.default).toEqual(['delivered', 'expired', 'failed', 'played', 'read', 'sent', 'undelivered']);
	});

	it('create: by default subscribes to message.ack, message.expired, message.failed and message.undelivered with those statuses', async () => {
		const staticData: IDataObject = {};
		const ctx = hookContext({}, staticData);
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_a' });
		await expect(create.call(ctx)).resolves.toBe(true);
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
			method: 'POST',
			url: `${BASE_URL}/api/webhooks`,
			json: true,
			body: {
				url: WEBHOOK_URL,
				events: ['message.ack', 'message.expired', 'message.failed', 'message.undelivered'],
				filters: { ackStatuses: ['delivered', 'expired', 'failed', 'played', 'read', 'sent', 'undelivered'] },
				secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			},
		});
		expect(staticData).toMatchObject({ webhookId: 'wh_a', secret: sentBody(ctx).secret });
	});

	it('create: only the events the chosen statuses need', async () => {
		const ctx = hookContext({ statuses: ['read', 'failed'], sessions: ['desk'] });
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_b' });
		await create.call(ctx);
		expect(sentBody(ctx)).toMatchObject({ events: ['message.ack', 'message.failed'], sessions: ['desk'], filters: { ackStatuses: ['read', 'failed'] } });
		const uncertain = hookContext({ statuses: ['uncertain'] });
		uncertain.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_c' });
		await create.call(uncertain);
		expect(sentBody(uncertain)).toMatchObject({ events: ['message.uncertain'], filters: { ackStatuses: ['uncertain'] } });
	});

	it('checkExists: true for the same statuses in any order, false once the status filter changed', async () => {
		const staticData: IDataObject = {};
		const ctx = hookContext({ statuses: ['read', 'delivered'] }, staticData);
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_a' });
		await create.call(ctx);
		const remote = { id: 'wh_a', url: WEBHOOK_URL, events: ['message.ack'], sessions: null, filters: { ackStatuses: ['read', 'delivered'] } };

		const same = hookContext({ statuses: ['delivered', 'read'] }, staticData);
		same.helpers.httpRequestWithAuthentication.mockResolvedValue(remote);
		await expect(checkExists.call(same)).resolves.toBe(true);

		const changed = hookContext({ statuses: ['delivered', 'read', 'failed'] }, staticData);
		changed.helpers.httpRequestWithAuthentication.mockResolvedValue(remote);
		await expect(checkExists.call(changed)).resolves.toBe(false);
	});

	it('delete: tolerates 404, surfaces 500', async () => {
		const gone = hookContext({}, { webhookId: 'wh_a', secret: SECRET, config: {} });
		gone.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(404, 'WEBHOOK_NOT_FOUND', 'gone'));
		await expect(remove.call(gone)).resolves.toBe(true);
		const broken = hookContext({}, { webhookId: 'wh_a', secret: SECRET, config: {} });
		broken.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(500, 'INTERNAL', 'disk full'));
		await expect(remove.call(broken)).rejects.toMatchObject({ message: 'disk full' });
	});

	it('campaign events: subscribed beside the statuses when chosen, and passed on with their counts', async () => {
		const ctx = hookContext({ statuses: ['failed'], campaignEvents: ['campaign.finished', 'campaign.progress'] });
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_c' });
		await create.call(ctx);
		expect(sentBody(ctx)).toMatchObject({ events: ['message.failed', 'campaign.finished', 'campaign.progress'], filters: { ackStatuses: ['failed'] } });
		const campaign = { campaignId: 'cmp_1', name: 'Spring', state: 'finished', counts: { sent: 9, failed: 1 }, sessions: ['desk', 'shop'] };
		const { ctx: delivery } = webhookContext(envelope('campaign.finished', campaign));
		const [[item]] = (await trigger.webhook.call(delivery)).workflowData!;
		expect(item.json).toMatchObject({ ...campaign, eventType: 'campaign.finished' });
		const { ctx: other } = webhookContext(envelope('session.status', { status: 'READY' }));
		expect((await trigger.webhook.call(other)).workflowData).toBeUndefined();
	});

	it('webhook: outputs the job with its reference, status, ack and history', async () => {
		const { ctx } = webhookContext(envelope('message.ack', job()));
		const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
		expect(item.json).toMatchObject({
			jobId: 'job_1',
			to: '628111@c.us',
			status: 'delivered',
			ack: 2,
			reference: { appointmentId: 42 },
			history: job().history,
			session: 'desk',
			eventId: 'evt_0001',
			eventType: 'message.ack',
		});
	});

	it('webhook: a failure arrives with its error; a bad signature or an old timestamp starts nothing', async () => {
		const failed = webhookContext(envelope('message.failed', job({ status: 'failed', ack: null, error: { code: 'NOT_ON_WHATSAPP', message: 'not on WhatsApp' } })));
		expect((await trigger.webhook.call(failed.ctx)).workflowData![0][0].json).toMatchObject({ status: 'failed', error: { code: 'NOT_ON_WHATSAPP' } });

		const forged = webhookContext(envelope('message.ack', job()), {}, { signWith: 'not-the-secret-at-all' });
		expect(await trigger.webhook.call(forged.ctx)).toEqual({ noWebhookResponse: true });
		expect(forged.response.status).toHaveBeenCalledWith(401);

		const replayed = webhookContext(envelope('message.ack', job()), {}, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
		expect(await trigger.webhook.call(replayed.ctx)).toEqual({ noWebhookResponse: true });
		expect(replayed.response.status).toHaveBeenCalledWith(401);
	});
});
