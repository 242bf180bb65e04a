import type { IDataObject } from 'n8n-workflow';
import { WhatsAppMessageTrigger } from '../../../nodes/WhatsAppMessageTrigger/WhatsAppMessageTrigger.node';
import { envelope, hookContext, webhookContext } from './helpers';

const trigger = new WhatsAppMessageTrigger();
const { create } = trigger.webhookMethods.default;

const subscribed = async (params: IDataObject) => {
	const ctx = hookContext(params);
	ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_1' });
	await create.call(ctx);
	return ctx.helpers.httpRequestWithAuthentication.mock.calls[0][1].body as IDataObject;
};

const itemOf = async (type: string, payload: IDataObject, params: IDataObject) => {
	const { ctx } = webhookContext(envelope(type, payload), params);
	return (await trigger.webhook.call(ctx)).workflowData?.[0][0].json;
};

const activity = (extra: IDataObject): IDataObject => ({
	messageId: 'true_628111@c.us_M1',
	chatId: '628111@c.us',
	sender: '628111@c.us',
	senderPhone: '628111',
	chatPhone: '628111',
	fromMe: false,
	isGroup: false,
	timestamp: 1_790_000_000,
	reference: { appointmentId: 42 },
	jobId: 'msg_1',
	session: 'desk',
	...extra,
});

describe('WhatsApp Message Trigger: Events (reactions, edits, deletions, poll votes, calls)', () => {
	it('subscribes to messages by default, so workflows made before the choice behave as before', async () => {
		expect((await subscribed({})).events).toEqual(['message']);
		expect((await subscribed({ events: [] })).events).toEqual(['message']);
	});

	it('subscribes to the chosen events, with the same filters', async () => {
		const body = await subscribed({ events: ['message.reaction', 'poll.vote', 'call'], includeGroups: false });
		expect(body.events).toEqual(['message.reaction', 'poll.vote', 'call']);
		expect(body.filters).toEqual({ fromMe: false, groups: false });
	});

	it('a reaction: the payload with event, phone and the reference of the message sent', async () => {
		const item = await itemOf('message.reaction', activity({ emoji: '👍', removed: false, reactionId: 'R1' }), { events: ['message.reaction'] });
		expect(item).toMatchObject({
			event: 'reaction',
			eventType: 'message.reaction',
			phone: '628111',
			emoji: '👍',
			removed: false,
			messageId: 'true_628111@c.us_M1',
			reference: { appointmentId: 42 },
			session: 'desk',
		});
	});

	it('a poll vote: the options chosen as a list and as text; an edit and a deletion by their short names', async () => {
		const vote = await itemOf('poll.vote', activity({ pollName: 'Tuesday?', selectedOptions: ['Yes', 'Reschedule'] }), { events: ['poll.vote'] });
		expect(vote).toMatchObject({ event: 'poll_vote', selectedOptions: ['Yes', 'Reschedule'], selectedText: 'Yes, Reschedule', reference: { appointmentId: 42 } });
		const edit = await itemOf('message.edited', activity({ text: 'new', previousText: 'old' }), { events: ['message.edited'] });
		expect(edit).toMatchObject({ event: 'edit', text: 'new', previousText: 'old', phone: '628111' });
		const deletion = await itemOf('message.revoked', activity({ fromMe: true, senderPhone: '628000', for: 'everyone', previousText: null }), {
			events: ['message.revoked'],
		});
		// This account's own deletion: phone is the chat's, as for its own messages.
		expect(deletion).toMatchObject({ event: 'deletion', for: 'everyone', phone: '628111' });
	});

	it('a call: the caller as phone and chatId, and whether the session declined it', async () => {
		const call = { callId: 'C1', from: '201000000000101@lid', fromPhone: '628222', isVideo: false, isGroup: false, timestamp: 1, rejected: true, replyJobId: 'msg_9', session: 'desk' };
		expect(await itemOf('call', call, { events: ['call'] })).toMatchObject({ event: 'call', phone: '628222', chatId: '201000000000101@lid', rejected: true });
	});

	it('opt-outs and opt-ins (issue 15): subscribed when chosen; items say which, and the phone', async () => {
		expect((await subscribed({ events: ['contact.opted_out', 'contact.opted_in'] })).events).toEqual(['contact.opted_out', 'contact.opted_in']);
		const payload = { contact: '628111', phone: '628111', session: 'desk', keyword: 'STOP', messageId: 'false_628111@c.us_S1' };
		expect(await itemOf('contact.opted_out', payload, { events: ['contact.opted_out'] })).toMatchObject({ event: 'opted_out', phone: '628111', keyword: 'STOP' });
		expect(await itemOf('contact.opted_in', { ...payload, keyword: 'START' }, { events: ['contact.opted_in'] })).toMatchObject({ event: 'opted_in', phone: '628111' });
		expect(await itemOf('contact.opted_out', payload, { events: ['contact.opted_in'] })).toBeUndefined();
	});

	it('answers an event that was not chosen without starting the workflow', async () => {
		expect(await itemOf('message.reaction', activity({ emoji: '👍' }), {})).toBeUndefined();
		expect(await itemOf('message', { id: 'x', chatId: '628111@c.us', fromMe: false, text: 'hi' }, { events: ['call'] })).toBeUndefined();
	});
});
