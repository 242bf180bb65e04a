import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { pollUntil } from '../../support/poll';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/** The sending API end to end through HTTP, over the scripted engine (no browser). */
describe('sending API (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;

	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body);
	const jobUntil = (id: string, done: (j: any) => boolean, what: string) => // eslint-disable-line @typescript-eslint/no-explicit-any
		pollUntil(() => job(id), done, { what: `job ${id}: ${what}`, context: () => t.logs.slice(-15).join('\n') });
	const send = (body: Record<string, unknown>, session = 'clinic') => t.api('POST', `/api/sessions/${session}/messages`, body);

	beforeAll(async () => {
		t = await startTestSidecar({
			engineFactory: engines.factory,
			env: { SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62', SIDECAR_REFERENCE_MAX_BYTES: '256' },
		});
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
	});
	afterAll(() => t.stop());

	it('says loudly at start that pacing is off', () => {
		expect(t.logs.some((line) => /"level":40.*SIDECAR_PACING=off/.test(line))).toBe(true);
	});

	it('accepts a text, sends it once, and follows its acks with the reference', async () => {
		const accepted = await send({ to: '+62 812-3456-7890', text: 'Reminder: dentist at 10:00', reference: { appointmentId: 42 } });
		expect(accepted.status).toBe(202);
		expect(accepted.body).toMatchObject({ to: '6281234567890@c.us', status: 'queued', reference: { appointmentId: 42 }, duplicate: false });
		const { jobId } = accepted.body;

		const sent = await jobUntil(jobId, (j) => j.status === 'sent', 'sent');
		expect(engine.sent.filter((s) => s.message.text === 'Reminder: dentist at 10:00')).toHaveLength(1);
		expect(sent).toMatchObject({ ack: 1, ackName: 'sent', messageId: engine.sent.at(-1)!.id });

		engine.emit({ type: 'ack', ack: { messageId: sent.messageId, ack: 2, chatId: sent.to, fromMe: true } });
		engine.emit({ type: 'ack', ack: { messageId: sent.messageId, ack: 3, chatId: sent.to, fromMe: true } });
		engine.emit({ type: 'ack', ack: { messageId: sent.messageId, ack: 2, chatId: sent.to, fromMe: true } }); // late, ignored
		const read = await jobUntil(jobId, (j) => j.status === 'read', 'read');
		expect(read.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'sending', 'sent', 'delivered', 'read']);
		expect(read.history.at(-1)).toMatchObject({ status: 'read', ack: 3 });

		const found = await t.api('GET', `/api/messages?reference=${encodeURIComponent(JSON.stringify({ appointmentId: 42 }))}`);
		expect(found.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([jobId]);
		const none = await t.api('GET', `/api/messages?reference=${encodeURIComponent('{"appointmentId":43}')}`);
		expect(none.body.jobs).toEqual([]);
	});

	it('sends once per idempotency key, however often the request comes', async () => {
		const before = engine.sent.length;
		const body = { to: '6281111111111', text: 'only once', idempotencyKey: 'wf1-exec7-item0' };
		const answers = await Promise.all([send(body), send(body), send(body)]);
		expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 202]);
		expect(new Set(answers.map((a) => a.body.jobId)).size).toBe(1);
		await jobUntil(answers[0].body.jobId, (j) => j.status === 'sent', 'sent');
		const again = await send(body);
		expect([again.status, again.body.duplicate, again.body.status]).toEqual([200, true, 'sent']);
		expect(engine.sent.length - before).toBe(1);
	});

	it('answers 409 IDEMPOTENCY_KEY_REUSED when a key comes again asking for something else, and 200 for a true repeat', async () => {
		const first = { to: '+62 811-1111-2222', text: 'Your appointment: Monday 10:00', reference: { appointmentId: 7, clinic: 'north' }, idempotencyKey: 'appointment-7' };
		const accepted = await send(first);
		expect(accepted.status).toBe(202);
		// The same request, written differently (another number format, keys in another order): a repeat.
		const repeat = await send({ ...first, to: '6281111112222', reference: { clinic: 'north', appointmentId: 7 } });
		expect([repeat.status, repeat.body.duplicate, repeat.body.jobId]).toEqual([200, true, accepted.body.jobId]);
		for (const changed of [
			{ text: 'Your appointment: Tuesday 11:00' },
			{ to: '+62 811-1111-3333' },
			{ reference: { appointmentId: 8, clinic: 'north' } },
			{ sendAt: '2030-01-01T10:00:00Z' },
		]) {
			const reused = await send({ ...first, ...changed });
			expect({ changed, status: reused.status, code: reused.body.error?.code }).toEqual({ changed, status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
			expect(reused.body.error.details).toEqual({ idempotencyKey: 'appointment-7', jobId: accepted.body.jobId });
		}
	});

	it('refuses bad requests with stable codes and keeps nothing of them', async () => {
		const cases: Array<[Record<string, unknown>, number, string]> = [
			[{ to: '0812 3456 7890', text: 'x', media: { url: 'https://example.com/a.png' } }, 400, 'CONTENT_CONFLICT'],
			[{ to: 'not a number', text: 'x' }, 400, 'RECIPIENT_INVALID'],
			[{ to: '123', text: 'x' }, 400, 'RECIPIENT_INVALID'],
			[{ to: '6281234567890', text: 'x', reference: { note: 'y'.repeat(300) } }, 413, 'REFERENCE_TOO_LARGE'],
			[{ to: '6281234567890', media: { base64: 'AAAA', mimetype: 'application/x-msdownload' } }, 415, 'MEDIA_TYPE_NOT_ALLOWED'],
			[{ to: '6281234567890', media: { url: 'http://169.254.169.254/latest/meta-data' } }, 422, 'MEDIA_URL_BLOCKED'],
			[{ to: '6281234567890', text: 'x', sendAt: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
			[{ to: '6281234567890', text: 'x', lane: 'fast' }, 400, 'VALIDATION_FAILED'],
		];
		const before = engine.sent.length;
		for (const [body, status, code] of cases) {
			const answer = await send(body);
			expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
		}
		expect((await send({ to: '6281234567890', text: 'x' }, 'nobody')).body.error.code).toBe('SESSION_NOT_FOUND');
		expect((await t.api('GET', '/api/messages/msg_nope')).body.error.code).toBe('JOB_NOT_FOUND');
		expect(engine.sent.length).toBe(before);
	});

	it('sends media given as base64 with its caption', async () => {
		const bytes = Buffer.from('%PDF-1.4 invoice');
		const accepted = await send({
			to: '6281234567890',
			media: { base64: bytes.toString('base64'), mimetype: 'application/pdf', filename: 'invoice.pdf' },
			caption: 'Your invoice',
		});
		await jobUntil(accepted.body.jobId, (j) => j.status === 'sent', 'sent');
		const { message } = engine.sent.at(-1)!;
		expect(message.media).toMatchObject({ mimetype: 'application/pdf', filename: 'invoice.pdf' });
		expect(message.media!.data.equals(bytes)).toBe(true);
		expect(message.caption).toBe('Your invoice');
	});

	it('fails a message to a number that is not on WhatsApp when asked to check first', async () => {
		engine.unregistered.add('6289999999999');
		const accepted = await send({ to: '6289999999999', text: 'hello?', checkNumber: true });
		const failed = await jobUntil(accepted.body.jobId, (j) => j.status === 'failed', 'failed');
		expect(failed.error.code).toBe('NOT_ON_WHATSAPP');
		expect(engine.sent.some((s) => s.chatId === '6289999999999@c.us')).toBe(false);
		const check = await t.api('GET', '/api/sessions/clinic/contacts/6289999999999');
		expect(check.body).toMatchObject({ registered: false });
		expect((await t.api('GET', '/api/sessions/clinic/contacts/0812-3456-7890')).body).toMatchObject({
			registered: true,
			chatId: '6281234567890@c.us',
		});
	});

	it('holds the queue while paused, cancels a queued job, and sends the rest on resume', async () => {
		expect((await t.api('POST', '/api/sessions/clinic/queue/pause')).body.paused).toBe(true);
		const before = engine.sent.length;
		const first = await send({ to: '6282222222222', text: 'one' });
		const second = await send({ to: '6282222222222', text: 'two' });
		const view = await t.api('GET', '/api/sessions/clinic/queue');
		expect(view.body).toMatchObject({ paused: true, depth: 2, waitingFor: 'paused' });

		const cancelled = await t.api('DELETE', `/api/messages/${first.body.jobId}`);
		expect(cancelled.body.status).toBe('cancelled');
		expect((await t.api('DELETE', `/api/messages/${first.body.jobId}`)).body.error.code).toBe('JOB_NOT_CANCELLABLE');
		expect(engine.sent.length).toBe(before);

		await t.api('POST', '/api/sessions/clinic/queue/resume');
		await jobUntil(second.body.jobId, (j) => j.status === 'sent', 'sent');
		expect(engine.sent.slice(before).map((s) => s.message.text)).toEqual(['two']);
	});

	it('schedules a message for later', async () => {
		const at = new Date(Date.now() + 600).toISOString();
		const accepted = await send({ to: '6283333333333', text: 'later', sendAt: at });
		expect(accepted.body).toMatchObject({ status: 'scheduled', sendAt: at });
		const sent = await jobUntil(accepted.body.jobId, (j) => j.status === 'sent', 'sent');
		expect(Date.parse(sent.sentAt)).toBeGreaterThanOrEqual(Date.parse(at));
	});

	it('marks a send that never answers as uncertain and does not send it again', async () => {
		await t.sidecar.stop();
		t = await startTestSidecar({
			engineFactory: engines.factory,
			dataDir: t.dataDir,
			env: { SIDECAR_PACING: 'off', SIDECAR_SEND_TIMEOUT_MS: '300', SIDECAR_SEND_MAX_ATTEMPTS: '1' },
		});
		await t.api('POST', '/api/sessions/clinic/start');
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550001111@c.us' } });

		engine.sendWith = 'hang';
		const hung = await send({ to: '6284444444444', text: 'lost in the page' });
		const uncertain = await jobUntil(hung.body.jobId, (j) => j.status === 'uncertain', 'uncertain');
		expect(uncertain.error.code).toBe('SEND_UNCERTAIN');

		engine.sendWith = { reject: 'Evaluation failed: chat not found' };
		const refused = await send({ to: '6284444444445', text: 'refused' });
		const failed = await jobUntil(refused.body.jobId, (j) => j.status === 'failed', 'failed');
		expect(failed.error).toMatchObject({ code: 'SEND_FAILED', message: expect.stringMatching(/chat not found/) });
		engine.sendWith = 'accept';
		expect((await job(hung.body.jobId)).attempts).toBe(1);
	});
});
