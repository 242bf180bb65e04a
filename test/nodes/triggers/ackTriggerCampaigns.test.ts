import type { IDataObject } from 'n8n-workflow';
import { WhatsAppAckTrigger } from '../../../nodes/WhatsAppAckTrigger/WhatsAppAckTrigger.node';
import { envelope, hookContext, webhookContext } from './helpers';

const trigger = new WhatsAppAckTrigger();
const { create } = trigger.webhookMethods.default;

const campaign = (state: string): IDataObject => ({
	campaignId: 'cmp_1',
	name: 'Spring sale',
	state,
	sessions: ['main', 'second'],
	total: 2,
	counts: { queued: 0, sent: 1, skipped: 1 },
});

async function subscribed(params: IDataObject): Promise<IDataObject> {
	const ctx = hookContext(params);
	ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_1' });
	await create.call(ctx);
	return ctx.helpers.httpRequestWithAuthentication.mock.calls[0][1].body as IDataObject;
}

/** Campaign events (issue 15) in the Ack Trigger: the campaign's progress and its end. */
describe('WhatsApp Ack Trigger → Campaign Events', () => {
	it('subscribes to none by default', async () => {
		expect(trigger.description.properties.find((p) => p.name === 'campaignEvents')?.default).toEqual([]);
		expect((await subscribed({})).events).not.toEqual(expect.arrayContaining(['campaign.progress']));
		expect((await subscribed({})).events).not.toEqual(expect.arrayContaining(['campaign.finished']));
	});

	it('adds the chosen campaign events to the chosen statuses\' events', async () => {
		expect(await subscribed({ statuses: ['failed'], campaignEvents: ['campaign.finished'] })).toMatchObject({
			events: ['message.failed', 'campaign.finished'],
			filters: { ackStatuses: ['failed'] },
		});
	});

	it('with only campaign events chosen (Statuses empty), subscribes to nothing else and filters no status', async () => {
		const body = await subscribed({ statuses: [], campaignEvents: ['campaign.progress', 'campaign.finished', 'bogus'] });
		expect(body.events).toEqual(['campaign.progress', 'campaign.finished']);
		expect(body.filters ?? {}).toEqual({});
	});

	it('outputs the campaign view with where it came from', async () => {
		const { ctx } = webhookContext(envelope('campaign.finished', campaign('finished'), 'main'));
		const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
		expect(item.json).toEqual({ ...campaign('finished'), session: 'main', eventId: 'evt_0001', eventType: 'campaign.finished', eventTimestamp: '2026-11-02T08:00:00.000Z' });
	});

	it('still ignores events that are neither message statuses nor campaign events', async () => {
		const { ctx } = webhookContext(envelope('session.status', { status: 'READY' }));
		expect(await trigger.webhook.call(ctx)).toEqual({ webhookResponse: { received: true, ignored: 'not a message status: session.status' } });
	});
});
