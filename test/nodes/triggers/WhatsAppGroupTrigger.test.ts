import type { IDataObject } from 'n8n-workflow';
import { WhatsAppGroupTrigger } from '../../../nodes/WhatsAppGroupTrigger/WhatsAppGroupTrigger.node';
import { BASE_URL, envelope, hookContext, SECRET, WEBHOOK_URL, webhookContext } from './helpers';

const trigger = new WhatsAppGroupTrigger();
const { create } = trigger.webhookMethods.default;
const GROUP = '120363012345678901@g.us';

describe('WhatsApp Group Trigger', () => {
	it('is a trigger by n8n rules and listens to every group event by default', () => {
		const d = trigger.description;
		expect(d).toMatchObject({ name: 'whatsAppGroupTrigger', group: ['trigger'], inputs: [] });
		expect(d.properties.find((p) => p.name === 'events')?.default).toEqual(['group.join', 'group.leave', 'group.update', 'group.admin_changed']);
	});

	it('create: subscribes to the chosen events, with the groups as a chat filter (a bare number is its …@g.us)', async () => {
		const staticData: IDataObject = {};
		const ctx = hookContext({ events: ['group.join', 'group.leave'], sessions: ['desk'], options: { groups: `${GROUP}, 120363000000000002` } }, staticData);
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_g' });
		await create.call(ctx);
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
			method: 'POST',
			url: `${BASE_URL}/api/webhooks`,
			json: true,
			body: {
				url: WEBHOOK_URL,
				events: ['group.join', 'group.leave'],
				sessions: ['desk'],
				filters: { chats: [GROUP, '120363000000000002@g.us'] },
				secret: expect.any(String),
			},
		});
	});

	it('create: no events chosen means all of them, and no filter', async () => {
		const ctx = hookContext({ events: [] });
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_g' });
		await create.call(ctx);
		const [, request] = ctx.helpers.httpRequestWithAuthentication.mock.calls[0];
		expect(request.body).toMatchObject({ events: ['group.join', 'group.leave', 'group.update', 'group.admin_changed'] });
		expect(request.body).not.toHaveProperty('filters');
	});

	it('webhook: a join comes out with a sentence and the phone numbers a no-code user can use', async () => {
		const payload = {
			groupId: GROUP,
			groupName: 'Neighbours',
			by: '628111@c.us',
			byPhone: '628111',
			timestamp: 1_790_000_000,
			participants: [{ id: '628222@c.us', phone: '628222' }],
			includesMe: false,
			how: 'added',
		};
		const { ctx } = webhookContext(envelope('group.join', payload));
		const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
		expect(item.json).toEqual({
			...payload,
			summary: '+628222 was added to "Neighbours" by +628111',
			participantPhones: ['628222'],
			participantPhone: '628222',
			session: 'desk',
			eventId: 'evt_0001',
			eventType: 'group.join',
			eventTimestamp: '2026-11-02T08:00:00.000Z',
		});
	});

	it.each([
		['group.leave', { how: 'left', participants: [{ id: '628222@c.us', phone: '628222' }] }, '+628222 left "Neighbours"'],
		['group.leave', { how: 'removed', participants: [{ id: '1234@lid', phone: null }] }, '1234@lid was removed from "Neighbours" by +628111'],
		['group.admin_changed', { change: 'promoted', participants: [{ id: '628222@c.us', phone: '628222' }] }, '+628222 is now an admin of "Neighbours" (by +628111)'],
		['group.update', { what: 'subject', kind: 'subject', subject: 'Street 5' }, '+628111 renamed the group to "Street 5"'],
		['group.update', { what: 'settings', kind: 'announce', settings: { messagesAdminsOnly: true, infoAdminsOnly: false } }, '+628111 changed the settings of "Neighbours"'],
	])('webhook: %s says what happened in words', async (type, extra, summary) => {
		const { ctx } = webhookContext(envelope(type, { groupId: GROUP, groupName: 'Neighbours', by: '628111@c.us', byPhone: '628111', timestamp: 1, ...extra }));
		const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
		expect(item.json.summary).toBe(summary);
	});

	it('webhook: another event type, or a bad signature, starts nothing', async () => {
		const message = webhookContext(envelope('message', { id: 'x' }));
		expect(await trigger.webhook.call(message.ctx)).toEqual({ webhookResponse: { received: true, ignored: 'not a group event: message' } });
		const forged = webhookContext(envelope('group.join', { groupId: GROUP }), {}, { signWith: `${SECRET}x` });
		expect((await trigger.webhook.call(forged.ctx)).workflowData).toBeUndefined();
	});
});
