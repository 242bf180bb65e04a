import type { IDataObject } from 'n8n-workflow';
import { WhatsAppSessionTrigger } from '../../../nodes/WhatsAppSessionTrigger/WhatsAppSessionTrigger.node';
import { BASE_URL, envelope, hookContext, httpError, SECRET, WEBHOOK_URL, webhookContext } from './helpers';

const trigger = new WhatsAppSessionTrigger();
const { checkExists, create, delete: remove } = trigger.webhookMethods.default;

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const qr = { raw: '2@AbCdEf,ghIJkl==,mnOP', dataUrl: `data:image/png;base64,${PNG.toString('base64')}`, expiresAt: '2026-11-02T08:01:00.000Z', count: 1 };

describe('WhatsApp Session Trigger', () => {
	it('is a trigger by n8n rules and alerts on SCAN_QR, LOGGED_OUT and FAILED by default', () => {
		const d = trigger.description;
		expect(d).toMatchObject({ name: 'whatsAppSessionTrigger', group: ['trigger'], inputs: [] });
		expect(d.displayName).toContain('Trigger');
		expect(d.properties.find((p) => p.name === 'statuses')?.default).toEqual(['FAILED', 'LOGGED_OUT', 'SCAN_QR']);
		expect(d.properties.find((p) => p.name === 'events')?.default).toEqual(['session.status']);
	});

	it('create: subscribes to the chosen session events (the status filter stays in the node)', async () => {
		const staticData: IDataObject = {};
		const ctx = hookContext({ events: ['session.status', 'session.qr'], sessions: ['desk'] }, staticData);
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_s' });
		await create.call(ctx);
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
			method: 'POST',
			url: `${BASE_URL}/api/webhooks`,
			json: true,
			body: { url: WEBHOOK_URL, events: ['session.status', 'session.qr'], sessions: ['desk'], secret: expect.any(String) },
		});
		expect(staticData).toMatchObject({ webhookId: 'wh_s', config: { events: ['session.status', 'session.qr'], sessions: ['desk'], filters: {} } });
	});

	it('checkExists: false once QR events are added', async () => {
		const staticData: IDataObject = {};
		const ctx = hookContext({}, staticData);
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_s' });
		await create.call(ctx);
		const remote = { id: 'wh_s', url: WEBHOOK_URL, events: ['session.status'], sessions: null, filters: {} };
		const same = hookContext({}, staticData);
		same.helpers.httpRequestWithAuthentication.mockResolvedValue(remote);
		await expect(checkExists.call(same)).resolves.toBe(true);
		const more = hookContext({ events: ['session.status', 'session.qr'] }, staticData);
		more.helpers.httpRequestWithAuthentication.mockResolvedValue(remote);
		await expect(checkExists.call(more)).resolves.toBe(false);
	});

	it('delete: tolerates 404, surfaces 500', async () => {
		const gone = hookContext({}, { webhookId: 'wh_s', secret: SECRET, config: {} });
		gone.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(404, 'WEBHOOK_NOT_FOUND', 'gone'));
		await expect(remove.call(gone)).resolves.toBe(true);
		const broken = hookContext({}, { webhookId: 'wh_s', secret: SECRET, config: {} });
		broken.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(500, 'INTERNAL', 'disk full'));
		await expect(remove.call(broken)).rejects.toMatchObject({ message: 'disk full' });
	});

	it('webhook: a selected status starts the workflow; another is answered without a run', async () => {
		const loggedOut = webhookContext(envelope('session.status', { status: 'LOGGED_OUT', reason: 'LOGOUT' }));
		expect((await trigger.webhook.call(loggedOut.ctx)).workflowData).toEqual([
			[{ json: { status: 'LOGGED_OUT', reason: 'LOGOUT', session: 'desk', eventId: 'evt_0001', eventType: 'session.status', eventTimestamp: '2026-11-02T08:00:00.000Z' } }],
		]);
		const ready = webhookContext(envelope('session.status', { status: 'READY', reason: null }));
		expect(await trigger.webhook.call(ready.ctx)).toEqual({ webhookResponse: { received: true, ignored: 'status READY is not selected' } });
		const all = webhookContext(envelope('session.status', { status: 'READY', reason: null }), { statuses: [] });
		expect((await trigger.webhook.call(all.ctx)).workflowData).toHaveLength(1);
	});

	it('webhook: a failure carries its code in reason and the words in detail', async () => {
		const detail = 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/';
		const failed = webhookContext(envelope('session.status', { status: 'FAILED', reason: 'RESTARTS_EXHAUSTED', detail }));
		const [[item]] = (await trigger.webhook.call(failed.ctx)).workflowData!;
		expect(item.json).toMatchObject({ status: 'FAILED', reason: 'RESTARTS_EXHAUSTED', detail });
	});

	it('webhook: a QR comes out as raw text and data URL, plus the PNG in a binary field', async () => {
		const { ctx } = webhookContext(envelope('session.qr', qr), { events: ['session.qr'], qrBinaryProperty: 'qr' });
		const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
		expect(item.json).toMatchObject({ raw: qr.raw, dataUrl: qr.dataUrl, count: 1, session: 'desk', eventType: 'session.qr' });
		expect(ctx.helpers.prepareBinaryData).toHaveBeenCalledWith(PNG, 'qr-desk.png', 'image/png');
		expect(item.binary?.qr).toMatchObject({ mimeType: 'image/png', fileName: 'qr-desk.png' });
		const noBinary = webhookContext(envelope('session.qr', qr), { qrBinaryProperty: '' });
		expect((await trigger.webhook.call(noBinary.ctx)).workflowData![0][0].binary).toBeUndefined();
	});

	it('webhook: a pairing code comes out with the number that must type it and its expiry', async () => {
		const pairing = { code: 'ABCD1234', phone: '628123456789', expiresAt: '2026-11-02T08:03:00.000Z', count: 1 };
		const { ctx } = webhookContext(envelope('session.pairing_code', pairing), { events: ['session.pairing_code'] });
		expect((await trigger.webhook.call(ctx)).workflowData).toEqual([
			[{ json: { ...pairing, session: 'desk', eventId: 'evt_0001', eventType: 'session.pairing_code', eventTimestamp: '2026-11-02T08:00:00.000Z' } }],
		]);
	});

	it('webhook: refuses a forged delivery with 401', async () => {
		const { ctx, response } = webhookContext(envelope('session.status', { status: 'FAILED' }), {}, { signWith: 'someone-else-entirely' });
		expect(await trigger.webhook.call(ctx)).toEqual({ noWebhookResponse: true });
		expect(response.status).toHaveBeenCalledWith(401);
	});
});
