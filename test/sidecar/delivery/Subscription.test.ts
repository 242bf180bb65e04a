import { chatOf, matches, subscriptionView, type Subscription } from '../../../sidecar/src/delivery/Subscription';
import type { EventEnvelope, EventType } from '../../../sidecar/src/contract';
import { testEvent } from '../../support/events';

const subscription = (over: Partial<Subscription> = {}): Subscription => ({
	id: 'wh_1',
	url: 'http://127.0.0.1/hook',
	events: ['*'],
	sessions: null,
	filters: {},
	secret: 'a-secret-of-at-least-16',
	createdAt: '2025-01-01T00:00:00.000Z',
	...over,
});

const event = (type: EventType, payload: Record<string, unknown> = {}, session = 'desk'): EventEnvelope => testEvent(type, payload, session);

const incoming = (chatId: string, fromMe = false) => event('message', { id: `${fromMe}_${chatId}_X`, chatId, fromMe, isGroup: chatId.endsWith('@g.us') });
const job = (type: EventType, to: string, status: string) => event(type, { jobId: 'job_1', to, status, reference: null });

describe('matches()', () => {
	it('takes every event type with "*", and only the listed ones otherwise', () => {
		const all = subscription();
		const some = subscription({ events: ['message', 'session.qr'] });
		const types: EventType[] = ['message', 'message.queued', 'message.ack', 'message.failed', 'session.status', 'session.qr'];
		expect(types.filter((t) => matches(all, event(t, { status: 'x' })))).toEqual(types);
		expect(types.filter((t) => matches(some, event(t, { status: 'x' })))).toEqual(['message', 'session.qr']);
	});

	it('takes every session when sessions is null, and only the listed ones otherwise', () => {
		const listed = subscription({ sessions: ['desk', 'front'] });
		expect(matches(subscription(), incoming('1@c.us'))).toBe(true);
		expect(matches(listed, event('message', { chatId: '1@c.us' }, 'front'))).toBe(true);
		expect(matches(listed, event('message', { chatId: '1@c.us' }, 'back'))).toBe(false);
		expect(matches(listed, event('session.status', { status: 'READY' }, 'back'))).toBe(false);
	});

	it('fromMe: true keeps only own messages, false only others\'; it leaves status events alone', () => {
		const mine = subscription({ filters: { fromMe: true } });
		const others = subscription({ filters: { fromMe: false } });
		expect([matches(mine, incoming('1@c.us', true)), matches(mine, incoming('1@c.us', false))]).toEqual([true, false]);
		expect([matches(others, incoming('1@c.us', true)), matches(others, incoming('1@c.us', false))]).toEqual([false, true]);
		expect(matches(mine, job('message.ack', '1@c.us', 'read'))).toBe(true);
		expect(matches(others, event('session.status', { status: 'READY' }))).toBe(true);
	});

	it('groups: false leaves out group chats, for messages and message statuses', () => {
		const noGroups = subscription({ filters: { groups: false } });
		expect(matches(noGroups, incoming('1203630001@g.us'))).toBe(false);
		expect(matches(noGroups, job('message.ack', '1203630001@g.us', 'sent'))).toBe(false);
		expect(matches(noGroups, incoming('628111@c.us'))).toBe(true);
		expect(matches(noGroups, event('session.status', { status: 'READY' }))).toBe(true);
		expect(matches(subscription({ filters: { groups: true } }), incoming('1203630001@g.us'))).toBe(true);
	});

	it('chats keeps only the listed chats (by chatId or the job\'s to)', () => {
		const chats = subscription({ filters: { chats: ['628111@c.us', '1203630001@g.us'] } });
		expect(matches(chats, incoming('628111@c.us'))).toBe(true);
		expect(matches(chats, incoming('1203630001@g.us'))).toBe(true);
		expect(matches(chats, incoming('628222@c.us'))).toBe(false);
		expect(matches(chats, job('message.ack', '628111@c.us', 'read'))).toBe(true);
		expect(matches(chats, job('message.ack', '628222@c.us', 'read'))).toBe(false);
		expect(matches(subscription({ filters: { chats: [] } }), incoming('628222@c.us'))).toBe(true);
	});

	it('ackStatuses keeps only those statuses of message.* events, and leaves other events alone', () => {
		const acks = subscription({ filters: { ackStatuses: ['delivered', 'read'] } });
		expect(['sent', 'delivered', 'read', 'played'].filter((s) => matches(acks, job('message.ack', '1@c.us', s)))).toEqual(['delivered', 'read']);
		expect(matches(acks, job('message.queued', '1@c.us', 'queued'))).toBe(false);
		expect(matches(acks, job('message.failed', '1@c.us', 'failed'))).toBe(false);
		expect(matches(subscription({ filters: { ackStatuses: ['failed'] } }), job('message.failed', '1@c.us', 'failed'))).toBe(true);
		expect(matches(acks, incoming('1@c.us'))).toBe(true);
		expect(matches(acks, event('session.status', { status: 'READY' }))).toBe(true);
	});

	it('needs every filter to hold at once', () => {
		const narrow = subscription({ events: ['message'], sessions: ['desk'], filters: { fromMe: false, groups: false, chats: ['628111@c.us'] } });
		expect(matches(narrow, incoming('628111@c.us'))).toBe(true);
		expect(matches(narrow, incoming('628111@c.us', true))).toBe(false);
		expect(matches(narrow, event('message', { chatId: '628111@c.us', fromMe: false }, 'front'))).toBe(false);
		expect(matches(narrow, job('message.ack', '628111@c.us', 'read'))).toBe(false);
	});
});

describe('chatOf() and the subscription view', () => {
	it('gives one lane per session and chat, shared by a chat\'s messages and statuses; session events share one', () => {
		expect(chatOf(incoming('628111@c.us'))).toBe('desk|628111@c.us');
		expect(chatOf(job('message.ack', '628111@c.us', 'read'))).toBe('desk|628111@c.us');
		expect(chatOf(event('message', { chatId: '628111@c.us' }, 'front'))).toBe('front|628111@c.us');
		expect(chatOf(event('session.status', { status: 'READY' }))).toBe(chatOf(event('session.qr', { raw: 'x' })));
		expect(chatOf(event('session.status', { status: 'READY' }))).not.toBe(chatOf(event('session.status', { status: 'READY' }, 'front')));
	});

	it('never shows the secret', () => {
		const view = subscriptionView(subscription());
		expect(view).not.toHaveProperty('secret');
		expect(JSON.stringify(view)).not.toContain('a-secret-of-at-least-16');
		expect(view).toMatchObject({ id: 'wh_1', url: 'http://127.0.0.1/hook', events: ['*'] });
	});
});

// ---- reactions, edits, deletions, poll votes and calls (i14-events)
describe('matches() for what people do to messages, and calls', () => {
	const activity = (type: EventType, chatId: string, fromMe = false, extra: Record<string, unknown> = {}) =>
		event(type, { messageId: `x_${chatId}_M`, chatId, sender: chatId, fromMe, isGroup: chatId.endsWith('@g.us'), chatPhone: null, ...extra });
	const call = (from: string, extra: Record<string, unknown> = {}) => event('call', { callId: 'C', from, fromPhone: null, isGroup: false, isVideo: false, ...extra });

	it('fromMe applies to reactions, edits, deletions and votes (who did them)', () => {
		const others = subscription({ filters: { fromMe: false } });
		for (const type of ['message.reaction', 'message.edited', 'message.revoked', 'poll.vote'] as EventType[]) {
			expect([matches(others, activity(type, '1@c.us', true)), matches(others, activity(type, '1@c.us', false))]).toEqual([false, true]);
		}
		// A call is always someone else's.
		expect(matches(others, call('1@c.us'))).toBe(true);
	});

	it('groups: false leaves out their group chats, and group calls', () => {
		const noGroups = subscription({ filters: { groups: false } });
		expect(matches(noGroups, activity('poll.vote', '120363@g.us'))).toBe(false);
		expect(matches(noGroups, activity('poll.vote', '1@c.us'))).toBe(true);
		expect(matches(noGroups, call('1@c.us', { isGroup: true }))).toBe(false);
		expect(matches(noGroups, call('1@c.us'))).toBe(true);
	});

	it('chats: their chat by id, phone chat or LID; a call by its caller', () => {
		const chats = subscription({ filters: { chats: ['628111@c.us'] } });
		expect(matches(chats, activity('message.reaction', '628111@c.us'))).toBe(true);
		expect(matches(chats, activity('message.reaction', '201000000000101@lid', false, { chatPhone: '628111', chatLid: '201000000000101@lid' }))).toBe(true);
		expect(matches(chats, activity('message.reaction', '628999@c.us'))).toBe(false);
		expect(matches(chats, call('628111@c.us'))).toBe(true);
		expect(matches(chats, call('201000000000101@lid', { fromPhone: '628111' }))).toBe(true);
		expect(matches(chats, call('628999@c.us'))).toBe(false);
	});

	it('each chat keeps its own delivery lane', () => {
		expect(chatOf(activity('message.edited', '628111@c.us'))).toBe('desk|628111@c.us');
		expect(chatOf(call('628111@c.us'))).toBe('desk|628111@c.us');
	});
});
