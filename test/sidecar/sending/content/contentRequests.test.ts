import { scriptedEngines, type ScriptedEngine } from '../../../support/scriptedEngine';
import { pollUntil } from '../../../support/poll';
import { startTestSidecar, type TestSidecar } from '../../../support/testSidecar';

/**
 * Message content beyond text and media over HTTP, with the scripted engine: which requests are
 * refused with which code, what the job keeps and shows, what the engine is handed, and what a
 * repeated idempotency key counts as the same request.
 */
describe('sending locations, contact cards, polls, reactions, replies and mentions (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;
	const to = '6281234567890';
	const target = `false_${to}@c.us_3A0123456789ABCDEF`;

	const send = (body: Record<string, unknown>) => t.api('POST', '/api/sessions/clinic/messages', body);
	const jobUntil = (id: string, done: (j: any) => boolean, what: string) => // eslint-disable-line @typescript-eslint/no-explicit-any
		pollUntil(() => t.api('GET', `/api/messages/${id}`).then((r) => r.body), done, { what: `job ${id}: ${what}` });

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
	});
	afterAll(() => t.stop());

	const poll = { question: 'Monday 10:00?', options: ['Yes', 'Reschedule'] };
	const location = { latitude: -6.2, longitude: 106.8 };

	it.each<[string, Record<string, unknown>, string, RegExp]>([
		['no content', { to }, 'CONTENT_MISSING', /no content/],
		['only a caption', { to, caption: 'x' }, 'VALIDATION_FAILED', /caption goes with media/],
		['text and a poll', { to, text: 'x', poll }, 'CONTENT_CONFLICT', /text and poll/],
		['a location and a reaction', { to, location, reaction: { messageId: target, emoji: '👍' } }, 'CONTENT_CONFLICT', /location and reaction/],
		['latitude over 90', { to, location: { latitude: 91, longitude: 0 } }, 'LOCATION_INVALID', /latitude 91/],
		['longitude under -180', { to, location: { latitude: 0, longitude: -180.5 } }, 'LOCATION_INVALID', /longitude -180.5/],
		['a poll with one option', { to, poll: { question: 'Q?', options: ['Only'] } }, 'POLL_INVALID', /1 option\b/],
		['a poll with 13 options', { to, poll: { question: 'Q?', options: Array.from({ length: 13 }, (_, i) => `o${i}`) } }, 'POLL_INVALID', /13 options/],
		['a poll with an option twice', { to, poll: { question: 'Q?', options: ['Yes', 'yes '] } }, 'POLL_INVALID', /twice/],
		['a poll without a question', { to, poll: { question: '  ', options: ['a', 'b'] } }, 'POLL_INVALID', /question is empty/],
		['a poll with an empty option', { to, poll: { question: 'Q?', options: ['a', ''] } }, 'POLL_INVALID', /option 2 is empty/],
		['no contacts', { to, contacts: [] }, 'CONTACTS_INVALID', /empty/],
		['a contact without a name', { to, contacts: [{ name: ' ', phone: '+62 812 0000 1111' }] }, 'CONTACTS_INVALID', /contact 1 has no name/],
		['a contact whose phone is not one', { to, contacts: [{ name: 'A', phone: 'call me' }] }, 'CONTACTS_INVALID', /not a phone number/],
		['a contact given as a group', { to, contacts: [{ name: 'A', phone: '120363099999999999@g.us' }] }, 'CONTACTS_INVALID', /phone number, not a chat id/],
		['21 contacts', { to, contacts: Array.from({ length: 21 }, () => ({ name: 'A', phone: '+62 812 0000 1111' })) }, 'CONTACTS_INVALID', /21 contacts/],
		['a reaction that is a word', { to, reaction: { messageId: target, emoji: 'ok' } }, 'REACTION_INVALID', /not one emoji/],
		['a reaction of two emoji', { to, reaction: { messageId: target, emoji: '👍👍' } }, 'REACTION_INVALID', /not one emoji/],
		['a reaction that quotes', { to, reaction: { messageId: target, emoji: '👍' }, replyTo: target }, 'REACTION_INVALID', /quotes no message/],
		['a reaction in another chat than "to"', { to: '6281234567000', reaction: { messageId: target, emoji: '👍' } }, 'REACTION_INVALID', /is in the chat 6281234567890@c\.us, but "to" is 6281234567000@c\.us/],
		['a reaction on a job id', { to, reaction: { messageId: 'msg_123', emoji: '👍' } }, 'MESSAGE_ID_INVALID', /reaction\.messageId "msg_123"/],
		['a reply to a job id', { to, text: 'x', replyTo: 'msg_123' }, 'MESSAGE_ID_INVALID', /replyTo "msg_123"/],
		['a mention of a group', { to, text: 'x', mentions: ['120363099999999999@g.us'] }, 'MENTION_INVALID', /group cannot be mentioned/],
		['a mention that is no number', { to, text: 'x', mentions: ['Sari'] }, 'MENTION_INVALID', /not a phone number/],
		['mentions on a poll', { to, poll, mentions: ['+62 812 0000 1111'] }, 'MENTION_INVALID', /not with a poll/],
		['a caption without media', { to, text: 'x', caption: 'y' }, 'VALIDATION_FAILED', /caption goes with media/],
		['a latitude that is text', { to, location: { latitude: '-6.2', longitude: 106.8 } }, 'VALIDATION_FAILED', /location\.latitude/],
	])('refuses %s with 400, and keeps nothing', async (_name, body, code, message) => {
		const before = engine.sent.length;
		const answer = await send(body);
		expect([answer.status, answer.body.error?.code]).toEqual([400, code]);
		expect(answer.body.error.message).toMatch(message);
		expect((await t.api('GET', '/api/sessions/clinic/queue')).body.depth).toBe(0);
		expect(engine.sent.length).toBe(before);
	});

	it('accepts each kind, shows it on the job, and hands the engine exactly that', async () => {
		const bodies = {
			location: { to, location: { ...location, name: ' Clinic ', address: 'Jl. Sudirman 1' } },
			contacts: { to, contacts: [{ name: ' Dr. Sari ', phone: '0812 0000 1111' }] },
			poll: { to, poll: { question: ' Monday 10:00? ', options: [' Yes', 'Reschedule '], multiple: true } },
			reaction: { to, reaction: { messageId: target, emoji: '👍🏽' } },
			reply: { to, text: 'Yes', replyTo: target, mentions: ['+62 812 0000 1111', '6281200001111@c.us'] },
		};
		const jobs: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
		for (const [name, body] of Object.entries(bodies)) {
			const answer = await send(body);
			expect(answer.status).toBe(202);
			jobs[name] = await jobUntil(answer.body.jobId, (j) => j.status === 'sent', 'sent');
		}
		expect(jobs.location).toMatchObject({ kind: 'location', text: null, location: { latitude: -6.2, longitude: 106.8, name: 'Clinic', address: 'Jl. Sudirman 1' } });
		expect(jobs.contacts).toMatchObject({ kind: 'contacts', contacts: [{ name: 'Dr. Sari', phone: '6281200001111' }] });
		expect(jobs.poll).toMatchObject({ kind: 'poll', poll: { question: 'Monday 10:00?', options: ['Yes', 'Reschedule'], multiple: true } });
		expect(jobs.reaction).toMatchObject({ kind: 'reaction', lane: 'reply', reaction: { messageId: target, emoji: '👍🏽' }, messageId: null, firstContact: null });
		expect(jobs.reply).toMatchObject({ kind: 'text', replyTo: target, mentions: ['6281200001111@c.us'], location: null, poll: null });

		const handed = engine.sent.slice(-5).map((s) => s.message);
		expect(handed[0]).toMatchObject({ location: jobs.location.location, text: undefined });
		expect(handed[1].contacts).toEqual([{ name: 'Dr. Sari', phone: '6281200001111' }]);
		expect(handed[2].poll).toEqual(jobs.poll.poll);
		expect(handed[3]).toMatchObject({ reaction: { messageId: target, emoji: '👍🏽' }, typingMs: 0 });
		expect(handed[4]).toMatchObject({ text: 'Yes', replyTo: target, mentions: ['6281200001111@c.us'] });
	});

	it('counts the new fields in the idempotency fingerprint: another emoji or option is another message, the same one written otherwise is not', async () => {
		const first = { to, poll, idempotencyKey: 'poll-1' };
		expect((await send(first)).status).toBe(202);
		const repeat = await send({ ...first, poll: { ...poll, options: [' Yes ', 'Reschedule'] } });
		expect([repeat.status, repeat.body.duplicate]).toEqual([200, true]);
		for (const changed of [{ poll: { ...poll, multiple: true } }, { poll: { ...poll, options: ['Yes', 'No'] } }]) {
			expect((await send({ ...first, ...changed })).body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
		}
		const reaction = { to, reaction: { messageId: target, emoji: '👍' }, idempotencyKey: 'react-1' };
		expect((await send(reaction)).status).toBe(202);
		expect((await send({ ...reaction, reaction: { messageId: target, emoji: '❤️' } })).body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
		const reply = { to, text: 'Yes', replyTo: target, idempotencyKey: 'reply-1' };
		expect((await send(reply)).status).toBe(202);
		expect((await send({ ...reply, replyTo: `false_${to}@c.us_3AFFFF` })).body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
		expect((await send({ ...reply, mentions: ['+62 812 0000 1111'] })).body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
	});
});
