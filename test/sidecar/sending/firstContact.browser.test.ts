import type { EventEnvelope } from '../../../sidecar/src/contract';
import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * WhatsApp's first-contact limit through the real library: the fake refuses a message to a
 * restricted number that never wrote to the phone (taken, then ack -1), as WhatsApp does.
 */
describe('first contacts through the real library', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;
	const events: EventEnvelope[] = [];
	// Pacing on, with nothing in the way but the first-contact cap (2 a day).
	const pacing = { minGapMs: 0, jitterMs: 0, reply: { minGapMs: 0, jitterMs: 0 }, warmup: { enabled: false }, caps: { firstContactPerDay: 2 } };
	const RESTRICTED = '6285700000001';
	const WROTE_FIRST = '6285700000002';

	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job);
	const jobUntil = (id: string, done: (j: Job) => boolean, what: string) =>
		pollUntil(() => job(id), done, { what: `job ${id}: ${what}`, context: () => t.logs.slice(-20).join('\n') });
	const send = async (to: string, text: string, reference?: unknown) => {
		const accepted = await t.api('POST', '/api/sessions/clinic/messages', { to, text, reference });
		expect(accepted.status).toBe(202);
		return accepted.body.jobId as string;
	};
	const check = (number: string) => t.api('GET', `/api/sessions/clinic/contacts/${number}`).then((r) => r.body);

	beforeAll(async () => {
		h.fake.restrictFirstContacts([RESTRICTED, WROTE_FIRST]);
		t = await h.sidecar();
		t.sidecar.bus.subscribe((event) => events.push(event));
		await t.api('POST', '/api/sessions', { id: 'clinic', config: { pacing } });
		phone = await scanSession(t, h.fake, 'clinic', '6281100000077');
		await waitForSession(t, 'clinic', status('READY'));
		await phone.waitUntilListening();
		phone.autoAck([2], 50);
	});

	it('fails a refused first contact with FIRST_CONTACT_RESTRICTED, and message.failed carries it and the reference', async () => {
		expect(await check(RESTRICTED)).toMatchObject({ registered: true, chatExists: false, firstContact: true });
		const reference = { appointmentId: 7 };
		const id = await send(RESTRICTED, 'Your appointment is tomorrow at 10:00', reference);

		const failed = await jobUntil(id, (j) => j.status === 'failed', 'failed');
		expect(failed).toMatchObject({ firstContact: true, ack: -1, error: { code: 'FIRST_CONTACT_RESTRICTED' }, reference });
		// The library reported it sent first; the refusal came as an ack afterwards.
		expect(failed.history.map((e: Job) => e.status)).toEqual(['queued', 'sending', 'sent', 'failed']);
		expect(failed.error.message).toMatch(/never written to this number/);
		expect(phone.outbox().find((m) => m.id === failed.messageId)?.ack).toBe(-1);

		const announced = events.find((e) => e.type === 'message.failed' && e.payload.jobId === id);
		expect(announced?.payload).toMatchObject({ reference, firstContact: true, error: { code: 'FIRST_CONTACT_RESTRICTED' } });
		expect(h.fake.unknownModules).toEqual(new Set());
	});

	it('sends to a restricted number that wrote first: no first contact, delivered, and not counted', async () => {
		await phone.receive({ from: WROTE_FIRST, body: 'Hello, can I book an appointment?' });
		const checked = await pollUntil(() => check(WROTE_FIRST), (c) => c.chatExists === true, { what: 'the chat known to the page' });
		expect(checked).toMatchObject({ registered: true, firstContact: false });

		const id = await send(WROTE_FIRST, 'Yes: Tuesday at 9:00?');
		const delivered = await jobUntil(id, (j) => j.status === 'delivered', 'delivered');
		expect(delivered).toMatchObject({ firstContact: false, ack: 2 });
		expect(delivered.error).toBeUndefined();
		const queue = (await t.api('GET', '/api/sessions/clinic/queue')).body;
		expect(queue.firstContacts).toEqual({ sentLastDay: 1, perDay: 2 });
	});

	it('holds first contacts over the daily cap, and waitingFor says so', async () => {
		const second = await send('6285700000003', 'Welcome to the clinic');
		await jobUntil(second, (j) => j.status === 'delivered', 'delivered (the second first contact of the day)');
		const third = await send('6285700000004', 'Welcome to the clinic');
		const queue = await pollUntil(
			() => t.api('GET', '/api/sessions/clinic/queue').then((r) => r.body),
			(q) => q.waitingFor === 'firstContactPerDay',
			{ what: 'the queue held by the first-contact cap' },
		);
		expect(queue).toMatchObject({ depth: 1, firstContacts: { sentLastDay: 2, perDay: 2 } });
		expect(Date.parse(queue.nextSendAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
		expect(await job(third)).toMatchObject({ status: 'queued', attempts: 0, firstContact: true });
		expect(phone.outbox().map((m) => m.to)).not.toContain('6285700000004@c.us');
	});
});
