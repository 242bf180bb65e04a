import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Replies, mentions, locations, contact cards, polls and reactions: through the sidecar's HTTP
 * API and queue, the real whatsapp-web.js, into the fake WhatsApp Web, whose phone records what
 * WhatsApp received.
 */
describe('message content beyond text and media, through the real library', () => {
	const h = useSidecarHarness();
	const PACING_OFF = { SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62' };
	afterAll(() => expect(h.fake.unknownModules).toEqual(new Set()));

	async function readySession(t: TestSidecar, id: string, number: string, config?: object): Promise<FakePhone> {
		await t.api('POST', '/api/sessions', { id, ...(config ? { config } : {}) });
		const phone = await scanSession(t, h.fake, id, number);
		await waitForSession(t, id, status('READY'));
		await phone.waitUntilListening();
		return phone;
	}
	const jobUntil = (t: TestSidecar, id: string, done: (j: Job) => boolean, what: string) =>
		pollUntil(() => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job), done, {
			what: `job ${id}: ${what}`,
			context: () => t.logs.slice(-20).join('\n'),
		});
	async function post(t: TestSidecar, session: string, body: object): Promise<Job> {
		const answer = await t.api('POST', `/api/sessions/${session}/messages`, body);
		expect([answer.status, answer.body.error]).toEqual([202, undefined]);
		return answer.body as Job;
	}

	it('sends a quoted reply, media quoting a message, a location, one and several contact cards, a poll and group mentions', async () => {
		const t = await h.sidecar({ env: PACING_OFF });
		const phone = await readySession(t, 'desk', '6281100000101');
		const patient = '6285000000011';
		const asked = await phone.receive({ from: patient, body: 'Can I come on Monday?' });
		await phone.receive({ from: '628111000111', group: { id: '120363099999999998', subject: 'Staff', participants: ['628111000222'] }, body: 'hi' });

		const requests = {
			reply: { to: patient, text: 'Yes, 10:00 is free', replyTo: asked.id },
			mediaReply: { to: patient, media: { base64: Buffer.from('map').toString('base64'), mimetype: 'image/png', filename: 'map.png' }, caption: 'How to find us', replyTo: asked.id },
			location: { to: patient, location: { latitude: -6.2088, longitude: 106.8456, name: 'Clinic North', address: 'Jl. Sudirman 1, Jakarta' } },
			card: { to: patient, contacts: [{ name: 'Dr. Sari; ENT', phone: '+62 812 0000 1111' }] },
			cards: { to: patient, contacts: [{ name: 'Front desk', phone: '0812 0000 2222' }, { name: 'Pharmacy', phone: '6281200003333' }] },
			poll: { to: patient, poll: { question: 'Monday 10:00: does it suit you?', options: ['Yes', 'Reschedule'] } },
			mentions: { to: '120363099999999998@g.us', text: '@628111000222 please check the schedule', mentions: ['+62 811-1000-222'] },
		};
		const accepted: Record<string, Job> = {};
		for (const [name, body] of Object.entries(requests)) accepted[name] = await post(t, 'desk', body);
		const jobs: Record<string, Job> = {};
		for (const [name, job] of Object.entries(accepted)) jobs[name] = await jobUntil(t, job.jobId, (j) => j.status === 'sent', 'sent');
		const outbox = await phone.waitForOutbox(7);
		const got = (name: string) => outbox.find((e) => e.id === jobs[name].messageId)!;
		const stanza = asked.id.split('_')[2];

		expect(got('reply')).toMatchObject({ type: 'chat', body: 'Yes, 10:00 is free', quotedId: stanza });
		expect(got('mediaReply')).toMatchObject({ type: 'image', caption: 'How to find us', quotedId: stanza });
		expect(got('location')).toMatchObject({
			type: 'location',
			location: { latitude: -6.2088, longitude: 106.8456, description: 'Clinic North\nJl. Sudirman 1, Jakarta' },
		});
		expect(got('card').type).toBe('vcard');
		expect(got('card').vcards).toHaveLength(1);
		expect(got('card').vcards![0]).toContain('FN:Dr. Sari\\; ENT');
		expect(got('card').vcards![0]).toContain('waid=6281200001111:+6281200001111');
		expect(got('cards').type).toBe('multi_vcard');
		expect(got('cards').vcards!.map((v) => /FN:(.*)/.exec(v)?.[1])).toEqual(['Front desk', 'Pharmacy']);
		expect(got('cards').vcards![0]).toContain('waid=6281200002222');
		expect(got('poll')).toMatchObject({ type: 'poll_creation', poll: { question: 'Monday 10:00: does it suit you?', options: ['Yes', 'Reschedule'], selectableCount: 1 } });
		expect(got('mentions')).toMatchObject({ type: 'chat', to: '120363099999999998@g.us', mentions: ['628111000222@c.us'] });

		// The job shows what it carries.
		expect(jobs.reply).toMatchObject({ kind: 'text', replyTo: asked.id, text: 'Yes, 10:00 is free' });
		expect(jobs.location).toMatchObject({ kind: 'location', text: null, location: requests.location.location });
		expect(jobs.cards).toMatchObject({ kind: 'contacts', contacts: [{ name: 'Front desk', phone: '6281200002222' }, { name: 'Pharmacy', phone: '6281200003333' }] });
		expect(jobs.poll).toMatchObject({ kind: 'poll', poll: { question: 'Monday 10:00: does it suit you?', options: ['Yes', 'Reschedule'], multiple: false } });
		expect(jobs.mentions).toMatchObject({ kind: 'text', mentions: ['628111000222@c.us'] });

		// Acks move them like any message.
		await phone.ack(jobs.poll.messageId, 2);
		await phone.ack(jobs.location.messageId, 3);
		await phone.ack(jobs.cards.messageId, 2);
		await jobUntil(t, jobs.poll.jobId, (j) => j.status === 'delivered', 'poll delivered');
		await jobUntil(t, jobs.location.jobId, (j) => j.status === 'read', 'location read');
		await jobUntil(t, jobs.cards.jobId, (j) => j.status === 'delivered', 'cards delivered');
	});

	it('sends a poll with several answers allowed, and fails a reply to a message WhatsApp Web does not have without sending anything', async () => {
		const t = await h.sidecar({ env: PACING_OFF });
		const phone = await readySession(t, 'polls', '6281100000102');
		const poll = await post(t, 'polls', { to: '6285000000012', poll: { question: 'Which days?', options: ['Mon', 'Tue', 'Wed'], multiple: true } });
		const sent = await jobUntil(t, poll.jobId, (j) => j.status === 'sent', 'sent');
		expect(phone.outbox().find((e) => e.id === sent.messageId)?.poll).toEqual({ question: 'Which days?', options: ['Mon', 'Tue', 'Wed'], selectableCount: 0 });

		const orphan = await post(t, 'polls', { to: '6285000000012', text: 'About that…', replyTo: 'false_6285000000012@c.us_3A0000000000000000' });
		const failed = await jobUntil(t, orphan.jobId, (j) => j.status === 'failed', 'failed');
		expect([failed.error.code, failed.attempts]).toEqual(['MESSAGE_NOT_FOUND', 1]);
		expect(phone.outbox().filter((e) => e.body === 'About that…')).toEqual([]);
	});

	it('reacts on the reply lane with its own small gap while a paced message waits; an empty emoji removes it; a missing message fails', async () => {
		const t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62' } });
		// Messages 60 s apart in both lanes; reactions not held by them.
		const pacing = {
			minGapMs: 60_000,
			jitterMs: 0,
			reply: { minGapMs: 60_000, jitterMs: 0 },
			reaction: { minGapMs: 0, jitterMs: 0 },
			warmup: { enabled: false },
			caps: { firstContactPerDay: null },
		};
		const phone = await readySession(t, 'react', '6281100000103', { pacing });
		const patient = '6285000000013';
		const incoming = await phone.receive({ from: patient, body: 'Thank you!' });

		const first = await post(t, 'react', { to: patient, text: 'You are welcome' });
		await jobUntil(t, first.jobId, (j) => j.status === 'sent', 'first text sent');
		const waiting = await post(t, 'react', { to: '6285000000014', text: 'Reminder: Monday 10:00' });
		const reaction = await post(t, 'react', { to: patient, reaction: { messageId: incoming.id, emoji: '👍' }, lane: 'bulk' });
		expect(reaction).toMatchObject({ lane: 'reply', kind: 'reaction', reaction: { messageId: incoming.id, emoji: '👍' } });

		const reacted = await jobUntil(t, reaction.jobId, (j) => j.status === 'sent', 'reaction sent');
		expect(reacted).toMatchObject({ messageId: null, messageIds: [], firstContact: null, text: null });
		const [got] = await phone.waitForReactions(1);
		expect(got).toMatchObject({ targetId: incoming.id, chat: `${patient}@c.us`, emoji: '👍' });
		// The bulk message is still held by the 60 s gap the reaction did not wait for.
		expect((await t.api('GET', `/api/messages/${waiting.jobId}`)).body.status).toBe('queued');

		const removal = await post(t, 'react', { to: patient, reaction: { messageId: incoming.id, emoji: '' } });
		await jobUntil(t, removal.jobId, (j) => j.status === 'sent', 'removal sent');
		expect((await phone.waitForReactions(2))[1]).toMatchObject({ targetId: incoming.id, emoji: '' });

		const missing = await post(t, 'react', { to: patient, reaction: { messageId: `false_${patient}@c.us_3A1111111111111111`, emoji: '❤️' } });
		const failed = await jobUntil(t, missing.jobId, (j) => j.status === 'failed', 'failed');
		expect(failed.error.code).toBe('MESSAGE_NOT_FOUND');
		expect(phone.reactions).toHaveLength(2);
		expect(phone.outbox().map((e) => e.body)).toEqual(['You are welcome']);
	});
});
