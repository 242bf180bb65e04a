import { ChatActivities } from '../../../sidecar/src/events/ChatActivities';
import { DomainEvents, type DomainEventOf } from '../../../sidecar/src/events/domainEvents';
import { IncomingCalls } from '../../../sidecar/src/events/IncomingCalls';
import { wireEventOf } from '../../../sidecar/src/events/wireEvents';
import { createLogger } from '../../../sidecar/src/logger';
import type { ChatActivity, IncomingCall } from '../../../sidecar/src/sessions/engine/Engine';

const logger = createLogger('silent');

function recorder<T extends 'chat.activity' | 'chat.call'>(type: T) {
	const events = new DomainEvents(logger);
	const seen: Array<DomainEventOf<T>> = [];
	events.on(type, (e) => void seen.push(e));
	return { events, seen };
}

const OUR_POLL = 'true_628111@c.us_POLL';

describe('ChatActivities: reactions, edits, deletions and votes, ready to report', () => {
	const jobOf = (session: string, messageId: string) =>
		session === 'desk' && messageId === OUR_POLL ? { jobId: 'msg_poll', reference: { appointment: 7 } } : undefined;

	it('a vote on a poll the sidecar sent carries that job and its reference, and the voter’s phone', async () => {
		const { events, seen } = recorder('chat.activity');
		const activities = new ChatActivities({ events, logger, jobOf });
		const vote: ChatActivity = { kind: 'vote', messageId: OUR_POLL, chatId: '628111@c.us', sender: '628111@c.us', fromMe: false, timestamp: 9, pollName: 'Tuesday?', selectedOptions: ['Yes'] };
		activities.accept('desk', vote);
		await activities.idle();
		expect(seen.map((e) => e.activity)).toEqual([
			{
				event: 'poll.vote',
				payload: {
					messageId: OUR_POLL,
					chatId: '628111@c.us',
					sender: '628111@c.us',
					senderPhone: '628111',
					chatPhone: '628111',
					fromMe: false,
					isGroup: false,
					timestamp: 9,
					reference: { appointment: 7 },
					jobId: 'msg_poll',
					session: 'desk',
					pollName: 'Tuesday?',
					selectedOptions: ['Yes'],
				},
			},
		]);
		// wireEvents.ts makes the wire event of it.
		expect(wireEventOf(seen[0])).toEqual({ type: 'poll.vote', session: 'desk', payload: seen[0].activity.payload });
	});

	it('finds the job under the chat’s other address when WhatsApp moved the chat to the person’s LID', async () => {
		const { events, seen } = recorder('chat.activity');
		const activities = new ChatActivities({
			events,
			logger,
			jobOf,
			addresses: { resolve: async (_s, id) => (id === '201000000000101@lid' ? { phone: '628111', lid: id } : { phone: '628111', lid: '201000000000101@lid' }) },
		});
		const base = { chatId: '201000000000101@lid', sender: '201000000000101@lid', fromMe: false, timestamp: 1 };
		activities.accept('desk', { ...base, kind: 'reaction', messageId: 'true_201000000000101@lid_POLL', emoji: '👍', reactionId: 'R' });
		// Another session's job is not this session's.
		activities.accept('front', { ...base, kind: 'reaction', messageId: OUR_POLL, emoji: '👍', reactionId: 'R' });
		await activities.idle();
		expect(seen.map((e) => [e.session, e.activity.payload.jobId, e.activity.payload.reference])).toEqual([
			['desk', 'msg_poll', { appointment: 7 }],
			['front', null, null],
		]);
	});

	it('each kind becomes its event; a message the sidecar did not send has no reference; a group has no chat phone', async () => {
		const { events, seen } = recorder('chat.activity');
		const activities = new ChatActivities({
			events,
			logger,
			jobOf,
			addresses: { resolve: async (_s, id) => (id === '201000000000101@lid' ? { phone: '628333', lid: id } : { phone: null, lid: null }) },
		});
		const base = { messageId: 'false_120363@g.us_M_201000000000101@lid', chatId: '120363@g.us', sender: '201000000000101@lid', fromMe: false, timestamp: 1 };
		activities.accept('desk', { ...base, kind: 'reaction', emoji: '', reactionId: 'R' });
		activities.accept('desk', { ...base, kind: 'edit', text: 'b', previousText: 'a' });
		activities.accept('desk', { ...base, kind: 'revoke', for: 'everyone', previousText: null });
		await activities.idle();
		expect(seen.map((e) => e.activity.event)).toEqual(['message.reaction', 'message.edited', 'message.revoked']);
		expect(seen[0].activity.payload).toMatchObject({ emoji: '', removed: true, reactionId: 'R', isGroup: true, senderPhone: '628333', senderLid: '201000000000101@lid', chatPhone: null, reference: null, jobId: null });
		expect(seen[1].activity.payload).toMatchObject({ text: 'b', previousText: 'a' });
		expect(seen[2].activity.payload).toMatchObject({ for: 'everyone', previousText: null });
	});
});

describe('IncomingCalls: the session’s calls setting, then the call event', () => {
	const call = (reject = jest.fn().mockResolvedValue(undefined)): IncomingCall & { reject: jest.Mock } => ({
		id: 'CALL1',
		from: '628111@c.us',
		isVideo: false,
		isGroup: false,
		timestamp: 3,
		reject,
	});

	it('without a setting the call rings: not declined, nothing queued', async () => {
		const { events, seen } = recorder('chat.call');
		const reply = jest.fn();
		const calls = new IncomingCalls({ events, logger, settings: () => undefined, reply });
		const ringing = call();
		calls.accept('desk', ringing);
		await calls.idle();
		expect(ringing.reject).not.toHaveBeenCalled();
		expect(reply).not.toHaveBeenCalled();
		expect(seen.map((e) => e.call)).toEqual([
			{ callId: 'CALL1', from: '628111@c.us', fromPhone: '628111', isVideo: false, isGroup: false, timestamp: 3, rejected: false, replyJobId: null, session: 'desk' },
		]);
		expect(wireEventOf(seen[0])).toEqual({ type: 'call', session: 'desk', payload: seen[0].call });
	});

	it('autoReject declines it and queues the message to the caller', async () => {
		const { events, seen } = recorder('chat.call');
		const reply = jest.fn().mockResolvedValue('msg_reply');
		const calls = new IncomingCalls({ events, logger, settings: () => ({ autoReject: true, message: 'Please write' }), reply });
		const declined = call();
		calls.accept('desk', declined);
		await calls.idle();
		expect(declined.reject).toHaveBeenCalledTimes(1);
		expect(reply).toHaveBeenCalledWith('desk', '628111@c.us', 'Please write', 'CALL1');
		expect(seen[0].call).toMatchObject({ rejected: true, replyJobId: 'msg_reply' });
	});

	it('a decline that fails is reported as not declined, and the caller is not written to', async () => {
		const { events, seen } = recorder('chat.call');
		const reply = jest.fn();
		const calls = new IncomingCalls({ events, logger, settings: () => ({ autoReject: true, message: 'Please write' }), reply });
		calls.accept('desk', call(jest.fn().mockRejectedValue(new Error('page gone'))));
		await calls.idle();
		expect(reply).not.toHaveBeenCalled();
		expect(seen[0].call).toMatchObject({ rejected: false, replyJobId: null });
	});

	it('a message that cannot be queued still leaves the call reported as declined', async () => {
		const { events, seen } = recorder('chat.call');
		const calls = new IncomingCalls({
			events,
			logger,
			settings: () => ({ autoReject: true, message: 'Please write' }),
			reply: jest.fn().mockRejectedValue(new Error('SESSION_NOT_FOUND')),
		});
		calls.accept('desk', call());
		await calls.idle();
		expect(seen[0].call).toMatchObject({ rejected: true, replyJobId: null });
	});

	it('autoReject without a message declines and writes nothing', async () => {
		const { events, seen } = recorder('chat.call');
		const reply = jest.fn();
		const calls = new IncomingCalls({ events, logger, settings: () => ({ autoReject: true }), reply });
		calls.accept('desk', call());
		await calls.idle();
		expect(reply).not.toHaveBeenCalled();
		expect(seen[0].call).toMatchObject({ rejected: true, replyJobId: null });
	});
});
