import { pollUntil } from '../../support/poll';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The queue and the ack tracker with first contacts (scripted engine; the rule itself: pacing/firstContactCap.test.ts). */
describe('first contacts in the send queue (scripted engine, pacing on)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;
	const queue = () => t.api('GET', '/api/sessions/desk/queue').then((r) => r.body);
	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job);
	const send = async (to: string, text: string) => (await t.api('POST', '/api/sessions/desk/messages', { to, text })).body.jobId as string;

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory });
		// Room for every send of this file in one minute: only the first-contact cap may hold anything here.
		const pacing = { minGapMs: 0, jitterMs: 0, warmup: { enabled: false }, caps: { firstContactPerDay: 1, perMinute: 60 } };
		await t.api('POST', '/api/sessions', { id: 'desk', config: { pacing } });
		engine = engines.latest();
		for (const n of ['6281100000001', '6281100000002', '6281100000003']) engine.firstContacts.add(`${n}@c.us`);
		engine.emit({ type: 'ready', account: { wid: '15550002222@c.us' } });
	});
	afterAll(() => t.stop());

	it('sends one first contact a day, holds the next (waitingFor says so), and lets others go meanwhile', async () => {
		const first = await send('6281100000001', 'hello, new patient');
		await pollUntil(() => job(first), (j) => j.status === 'sent', { what: 'the first contact sent' });
		expect((await job(first)).firstContact).toBe(true);

		const second = await send('6281100000002', 'hello, another new patient');
		const known = await send('6281199999999', 'hello, old friend');
		const held = await pollUntil(queue, (q) => q.waitingFor === 'firstContactPerDay', { what: 'held by the first-contact cap' });
		expect(held.firstContacts).toEqual({ sentLastDay: 1, perDay: 1 });
		expect(Date.parse(held.nextSendAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
		expect(held.depth).toBe(1);
		// Held before it was attempted: queued, never `sending`, and it says why it would be capped.
		expect(await job(second)).toMatchObject({ status: 'queued', attempts: 0, firstContact: true });
		// Someone who wrote before is no first contact and went.
		expect(await job(known)).toMatchObject({ status: 'sent', firstContact: false });
		expect(engine.sent.map((s) => s.chatId)).toEqual(['6281100000001@c.us', '6281199999999@c.us']);
	});

	it('lets a held message go once its recipient writes', async () => {
		engine.firstContacts.delete('6281100000002@c.us');
		engine.emit({
			type: 'message',
			message: { id: 'false_6281100000002@c.us_A', chatId: '6281100000002@c.us', sender: '6281100000002@c.us', fromMe: false, type: 'chat', text: 'hi!', timestamp: 1, isGroup: false },
		});
		await pollUntil(() => engine.sent.length, (n) => n === 3, { what: 'the held message sent' });
		expect(engine.sent[2].chatId).toBe('6281100000002@c.us');
		expect((await queue()).firstContacts).toEqual({ sentLastDay: 1, perDay: 1 });
	});

	it('lets it go also when the recipient writes from their linked id (the job is addressed by phone)', async () => {
		engine.firstContacts.add('6281100000004@c.us');
		const held = await send('6281100000004', 'hello, patient who writes from a LID');
		await pollUntil(queue, (q) => q.waitingFor === 'firstContactPerDay', { what: 'held by the first-contact cap' });
		engine.firstContacts.delete('6281100000004@c.us');
		engine.addresses.set('77000111222@lid', { lid: '77000111222@lid', phone: '6281100000004' });
		engine.emit({
			type: 'message',
			message: { id: 'false_77000111222@lid_B', chatId: '77000111222@lid', sender: '77000111222@lid', fromMe: false, type: 'chat', text: 'hi, it is me', timestamp: 2, isGroup: false },
		});
		await pollUntil(() => job(held), (j) => j.status === 'sent', { what: 'the held message sent after a LID message' });
		expect((await job(held)).firstContact).toBe(false);
	});

	it('is no first contact when the person wrote in their LID chat, though the job names their phone', async () => {
		engine.firstContacts.add('6281100000005@c.us'); // no chat under the phone number…
		engine.addresses.set('6281100000005@c.us', { lid: '77000555666@lid', phone: '6281100000005' }); // …they wrote from their LID
		const id = await send('6281100000005', 'see you tomorrow');
		const sent = await pollUntil(() => job(id), (j) => j.status === 'sent', { what: 'sent despite the used-up cap' });
		expect(sent.firstContact).toBe(false);
	});

	it('fails an error ack with FIRST_CONTACT_RESTRICTED on a first contact, ACK_ERROR otherwise', async () => {
		await t.api('PATCH', '/api/sessions/desk', { config: { pacing: { caps: { firstContactPerDay: null } } } });
		const restricted = await send('6281100000003', 'reminder: 10:00 tomorrow');
		const other = await send('6281188888888', 'reminder: 11:00 tomorrow');
		const sent = await Promise.all(
			[restricted, other].map((id) => pollUntil(() => job(id), (j) => j.status === 'sent', { what: `${id} sent` })),
		);
		for (const j of sent) engine.emit({ type: 'ack', ack: { messageId: j.messageId, ack: -1, chatId: j.to, fromMe: true } });
		const [failedFirst, failedOther] = await Promise.all(
			sent.map((j) => pollUntil(() => job(j.jobId), (x) => x.status === 'failed', { what: `${j.jobId} failed` })),
		);
		expect(failedFirst).toMatchObject({ firstContact: true, error: { code: 'FIRST_CONTACT_RESTRICTED' } });
		expect(failedFirst.error.message).toMatch(/never written to this number.*write to you first/);
		expect(failedOther).toMatchObject({ firstContact: false, error: { code: 'ACK_ERROR' } });
		expect((await queue()).firstContacts).toEqual({ sentLastDay: 2, perDay: null });
	});
});
