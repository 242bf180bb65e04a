import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRET = 'activity-events-secret-01';
const ACTIVITY_EVENTS = ['message.reaction', 'message.edited', 'message.revoked', 'poll.vote', 'call'];

/**
 * Reactions, edits, deletions, poll votes and calls, from the fake phone through the real
 * whatsapp-web.js and the whole sidecar to webhook receivers: the payloads, the job's reference
 * when the message is one the sidecar sent, the subscription filters, and a session that
 * declines calls and writes to the caller.
 */
describe('message activity and calls, delivered as webhook events', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	let phone: FakePhone;
	const contact = '6281200000001';
	const chat = `${contact}@c.us`;

	/** The events at `path` of this type whose payload matches. */
	const events = (path: string, type: string, where: (payload: Json) => boolean = () => true) =>
		receiver.to(path).filter((r) => r.body?.type === type && where(r.body.payload)).map((r) => r.body.payload as Json);
	const nextEvent = async (type: string, where: (payload: Json) => boolean, path = '/all') => {
		await receiver.waitFor(() => events(path, type, where).length > 0, `a ${type} event at ${path}`, 30_000, () => t.logs.slice(-20).join('\n'));
		return events(path, type, where)[0];
	};
	/** Sends through the API and waits until WhatsApp Web has it: its WhatsApp message id. */
	const sendWithReference = async (text: string, reference: unknown) => {
		const accepted = await t.api('POST', '/api/sessions/desk/messages', { to: contact, text, reference });
		expect(accepted.status).toBe(202);
		const job = await pollUntil(
			() => t.api('GET', `/api/messages/${accepted.body.jobId}`).then((r) => r.body as Json),
			(j) => typeof j.messageId === 'string',
			{ what: `job ${accepted.body.jobId} sent` },
		);
		return { jobId: job.jobId as string, messageId: job.messageId as string };
	};

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off' } });
		const all = await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/all`, events: ['*'], secret: SECRET });
		// What a Message Trigger with "Ignore Own Messages" and without groups subscribes to.
		const people = { url: `${receiver.origin}/people`, events: ACTIVITY_EVENTS, filters: { fromMe: false, groups: false }, secret: SECRET };
		expect([all.status, (await t.api('POST', '/api/webhooks', people)).status]).toEqual([201, 201]);
		await t.api('POST', '/api/sessions', { id: 'desk' });
		phone = await scanSession(t, h.fake, 'desk', '6281100000077');
		await waitForSession(t, 'desk', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('message.reaction: on a message the sidecar sent, with its reference; an empty emoji when it is taken back', async () => {
		const sent = await sendWithReference('Your order shipped', { orderId: 'A-17' });
		await phone.react({ from: contact, messageId: sent.messageId, emoji: '❤️' });
		const added = await nextEvent('message.reaction', (p) => p.messageId === sent.messageId && p.emoji === '❤️');
		expect(added).toMatchObject({
			messageId: sent.messageId,
			chatId: chat,
			sender: chat,
			senderPhone: contact,
			chatPhone: contact,
			fromMe: false,
			isGroup: false,
			emoji: '❤️',
			removed: false,
			reference: { orderId: 'A-17' },
			jobId: sent.jobId,
			session: 'desk',
		});
		expect(typeof added.reactionId).toBe('string');

		await phone.react({ from: contact, messageId: sent.messageId, emoji: '' });
		const removed = await nextEvent('message.reaction', (p) => p.messageId === sent.messageId && p.removed === true);
		expect(removed).toMatchObject({ emoji: '', reference: { orderId: 'A-17' }, jobId: sent.jobId });
		// Both reached the subscription that leaves out this account's own doings and groups.
		await receiver.waitFor(() => events('/people', 'message.reaction', (p) => p.messageId === sent.messageId).length === 2, 'both reactions at /people');
	});

	it('message.reaction from a person WhatsApp moved to a LID: their phone, and the reference of a message sent before the move', async () => {
		const person = { phone: '6281200000044', lid: '201000000000044' };
		h.fake.addContact(person);
		await phone.receive({ from: person.phone, body: 'hi' }); // the page learns the pair from the stanza
		const accepted = await t.api('POST', '/api/sessions/desk/messages', { to: person.phone, text: 'Booked for Friday', reference: { booking: 'F-1' } });
		const job = await pollUntil(
			() => t.api('GET', `/api/messages/${accepted.body.jobId}`).then((r) => r.body as Json),
			(j) => typeof j.messageId === 'string',
			{ what: 'the job sent' },
		);
		await h.fake.migrateToLid(person.phone);
		await phone.react({ from: person.phone, messageId: job.messageId, emoji: '🙏' });
		const reaction = await nextEvent('message.reaction', (p) => p.emoji === '🙏');
		expect(reaction).toMatchObject({
			messageId: `true_${person.lid}@lid_${job.messageId.split('_')[2]}`,
			chatId: `${person.lid}@lid`,
			sender: `${person.lid}@lid`,
			senderLid: `${person.lid}@lid`,
			senderPhone: person.phone,
			chatPhone: person.phone,
			reference: { booking: 'F-1' },
			jobId: accepted.body.jobId,
		});
	});

	it('message.edited: the new text and the one before; no reference for a message the sidecar did not send', async () => {
		const { id } = await phone.receive({ from: contact, body: 'I will come at 10' });
		await phone.editMessage(id, 'I will come at 11');
		expect(await nextEvent('message.edited', (p) => p.messageId === id)).toMatchObject({
			chatId: chat,
			sender: chat,
			senderPhone: contact,
			fromMe: false,
			text: 'I will come at 11',
			previousText: 'I will come at 10',
			reference: null,
			jobId: null,
		});
	});

	it('message.revoked: the phone deletes a message the sidecar sent (fromMe, left out by fromMe: false), a contact deletes theirs', async () => {
		const sent = await sendWithReference('Wrong price: 10', { quote: 9 });
		await phone.ack(sent.messageId, 3); // read: the page's last change before the deletion is this message's
		await phone.revoke(sent.messageId);
		const ours = await nextEvent('message.revoked', (p) => p.messageId === sent.messageId);
		expect(ours).toMatchObject({ chatId: chat, fromMe: true, for: 'everyone', reference: { quote: 9 }, jobId: sent.jobId, previousText: 'Wrong price: 10' });

		const { id } = await phone.receive({ from: contact, body: 'sent to the wrong chat' });
		await phone.revoke(id);
		const theirs = await nextEvent('message.revoked', (p) => p.messageId === id, '/people');
		expect(theirs).toMatchObject({ chatId: chat, sender: chat, senderPhone: contact, fromMe: false, for: 'everyone', reference: null });
		// Delivered in order per chat: had our deletion passed the fromMe filter, it would be here before theirs.
		expect(events('/people', 'message.revoked', (p) => p.messageId === sent.messageId)).toEqual([]);

		const { id: mine } = await phone.receive({ from: contact, body: 'spam' });
		await phone.deleteForMe(mine);
		expect(await nextEvent('message.revoked', (p) => p.messageId === mine)).toMatchObject({ for: 'me', previousText: 'spam', fromMe: false });
	});

	it('poll.vote: the voter and the names of the options chosen; a group vote is left out by groups: false', async () => {
		const poll = await phone.receivePoll({ from: contact, poll: { name: 'Confirm Tuesday 10:00?', options: ['Yes', 'Reschedule'] } });
		await phone.vote({ from: contact, pollId: poll.id, options: ['Reschedule'] });
		expect(await nextEvent('poll.vote', (p) => p.messageId === poll.id, '/people')).toMatchObject({
			chatId: chat,
			sender: chat,
			senderPhone: contact,
			fromMe: false,
			pollName: 'Confirm Tuesday 10:00?',
			selectedOptions: ['Reschedule'],
			reference: null,
		});

		const group = { id: '120363000000000055', subject: 'Team' };
		const groupPoll = await phone.receivePoll({ from: '6281200000002', group, poll: { name: 'Lunch?', options: ['Pizza', 'Sushi'], multiple: true } });
		await phone.vote({ from: '6281200000003', pollId: groupPoll.id, options: ['Pizza', 'Sushi'] });
		expect(await nextEvent('poll.vote', (p) => p.messageId === groupPoll.id)).toMatchObject({
			chatId: '120363000000000055@g.us',
			sender: '6281200000003@c.us',
			senderPhone: '6281200000003',
			chatPhone: null,
			isGroup: true,
			selectedOptions: ['Pizza', 'Sushi'],
		});
		// A later vote in the one-to-one chat arrives at /people; the group's never did.
		await phone.vote({ from: contact, pollId: poll.id, options: [] });
		await nextEvent('poll.vote', (p) => p.messageId === poll.id && p.selectedOptions.length === 0, '/people');
		expect(events('/people', 'poll.vote', (p) => p.messageId === groupPoll.id)).toEqual([]);
	});

	it('call: reported as it rings when the session has no call setting', async () => {
		const { id } = await phone.call({ from: contact });
		expect(await nextEvent('call', (p) => p.callId === id)).toMatchObject({
			from: chat,
			fromPhone: contact,
			isVideo: false,
			isGroup: false,
			rejected: false,
			replyJobId: null,
			session: 'desk',
		});
		expect(phone.rejectedCalls.filter((c) => c.callId === id)).toEqual([]);
	});

	it('call with calls.autoReject and a message: declined at the phone, the caller gets the text through the queue', async () => {
		const caller = '6281200000009';
		const message = 'We cannot take calls here; please write to us.';
		const patched = await t.api('PATCH', '/api/sessions/desk', { config: { calls: { autoReject: true, message } } });
		expect(patched.status).toBe(200);
		expect((await t.api('GET', '/api/sessions/desk')).body.config.calls).toEqual({ autoReject: true, message });

		const { id } = await phone.call({ from: caller, isVideo: true });
		await phone.waitForRejectedCall(id);
		const event = await nextEvent('call', (p) => p.callId === id);
		expect(event).toMatchObject({ from: `${caller}@c.us`, fromPhone: caller, isVideo: true, rejected: true });
		expect(typeof event.replyJobId).toBe('string');
		await pollUntil(
			() => phone.outbox(),
			(outbox) => outbox.some((m) => m.to === `${caller}@c.us` && m.body === message),
			{ what: 'the message to the declined caller' },
		);
		const job = (await t.api('GET', `/api/messages/${event.replyJobId}`)).body as Json;
		expect(job).toMatchObject({ to: `${caller}@c.us`, text: message, lane: 'reply' });

		// null removes the setting: calls ring again.
		await t.api('PATCH', '/api/sessions/desk', { config: { calls: null } });
		const again = await phone.call({ from: caller });
		expect(await nextEvent('call', (p) => p.callId === again.id)).toMatchObject({ rejected: false, replyJobId: null });
	});

	it('refuses a calls setting it cannot use, with a code', async () => {
		const bad = await t.api('PATCH', '/api/sessions/desk', { config: { calls: { autoReject: 'yes' } } });
		expect(bad.status).toBe(400);
		expect(typeof bad.body.error.code).toBe('string');
	});
});
