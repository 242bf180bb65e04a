import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIFTEEN_MINUTES = 15 * 60_000;
const TWO_DAYS = 2 * 24 * 3600_000;

/**
 * Editing and deleting messages the sidecar sent, and forwarding any message: each a job through
 * the HTTP API and the paced queue, the real whatsapp-web.js, into the fake WhatsApp Web, whose
 * phone records what WhatsApp received. WhatsApp's windows are the page's (shrunk live here).
 */
describe('edit, delete and forward, through the real library', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	let phone: FakePhone;
	const patient = '6285000000021';

	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job);
	const jobUntil = (id: string, done: (j: Job) => boolean, what: string) =>
		pollUntil(() => job(id), done, { what: `job ${id}: ${what}`, context: () => t.logs.slice(-20).join('\n') });
	const finished = (id: string) => jobUntil(id, (j) => ['sent', 'delivered', 'read', 'failed', 'uncertain'].includes(j.status), 'finished');
	async function accepted(answer: { status: number; body: Job }): Promise<Job> {
		expect([answer.status, answer.body.error]).toEqual([202, undefined]);
		return answer.body;
	}
	/** A text sent through the API, once WhatsApp Web has it. */
	async function sent(text: string, reference?: unknown): Promise<Job> {
		const first = await accepted(await t.api('POST', '/api/sessions/desk/messages', { to: patient, text, reference }));
		return jobUntil(first.jobId, (j) => typeof j.messageId === 'string', 'sent');
	}
	const events = (type: string, where: (payload: Job) => boolean) =>
		receiver.to('/all').filter((r) => r.body?.type === type && where(r.body.payload)).map((r) => r.body.payload as Job);

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62' } });
		expect((await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/all`, events: ['*'], secret: 'changes-events-secret-01' })).status).toBe(201);
		await t.api('POST', '/api/sessions', { id: 'desk' });
		phone = await scanSession(t, h.fake, 'desk', '6281100000201');
		await waitForSession(t, 'desk', status('READY'));
		await phone.waitUntilListening();
	});
	afterEach(() => phone.setChangeWindows({ editMs: FIFTEEN_MINUTES, revokeMs: TWO_DAYS }));
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('edits a sent text: an edit job on the reply lane, WhatsApp gets the new text, message.edited carries the job and reference', async () => {
		const original = await sent('Your appointment is at 10:00', { appointmentId: 42 });
		const edit = await accepted(await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'Your appointment is at 11:00', idempotencyKey: 'edit-42' }));
		expect(edit).toMatchObject({
			kind: 'edit',
			lane: 'reply',
			to: `${patient}@c.us`,
			text: 'Your appointment is at 11:00',
			target: { jobId: original.jobId, messageId: original.messageId },
		});
		const done = await finished(edit.jobId);
		expect([done.status, done.error]).toEqual(['sent', undefined]);
		expect(phone.changes.edits).toEqual([expect.objectContaining({ messageId: original.messageId, text: 'Your appointment is at 11:00' })]);
		expect((await job(original.jobId)).changes).toEqual([expect.objectContaining({ kind: 'edit', jobId: edit.jobId, text: 'Your appointment is at 11:00' })]);

		// Our own edit comes back as message.edited, with the original job and its reference.
		await receiver.waitFor(() => events('message.edited', (p) => p.messageId === original.messageId).length > 0, 'message.edited', 30_000);
		expect(events('message.edited', (p) => p.messageId === original.messageId)[0]).toMatchObject({
			fromMe: true,
			text: 'Your appointment is at 11:00',
			previousText: 'Your appointment is at 10:00',
			jobId: original.jobId,
			reference: { appointmentId: 42 },
		});

		// The same key again is the same job, not a second edit.
		const again = await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'Your appointment is at 11:00', idempotencyKey: 'edit-42' });
		expect([again.status, again.body.jobId, again.body.duplicate]).toEqual([200, edit.jobId, true]);
	});

	it('edits the caption of a photo it sent', async () => {
		const photo = await accepted(
			await t.api('POST', '/api/sessions/desk/messages', { to: patient, media: { base64: Buffer.from('png').toString('base64'), mimetype: 'image/png' }, caption: 'Our map' }),
		);
		const original = await jobUntil(photo.jobId, (j) => typeof j.messageId === 'string', 'sent');
		const edit = await accepted(await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'Our new map' }));
		expect((await finished(edit.jobId)).status).toBe('sent');
		expect(phone.changes.edits.at(-1)).toMatchObject({ messageId: original.messageId, text: 'Our new map' });
	});

	it('fails an edit past WhatsApp\'s edit window with EDIT_WINDOW_EXPIRED, and changes nothing', async () => {
		const original = await sent('Bring your card');
		await phone.setChangeWindows({ editMs: 0 });
		const edits = phone.changes.edits.length;
		const edit = await accepted(await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'Bring your ID card' }));
		const done = await finished(edit.jobId);
		expect([done.status, done.error?.code]).toEqual(['failed', 'EDIT_WINDOW_EXPIRED']);
		expect(done.error.message).toContain('15 minutes');
		expect(phone.changes.edits).toHaveLength(edits);
		expect((await job(original.jobId)).changes).toEqual([]);
	});

	it('refuses to edit what has no message yet (JOB_NOT_SENT), or is no text (MESSAGE_NOT_EDITABLE)', async () => {
		const poll = await accepted(await t.api('POST', '/api/sessions/desk/messages', { to: patient, poll: { question: 'Come?', options: ['Yes', 'No'] } }));
		await jobUntil(poll.jobId, (j) => typeof j.messageId === 'string', 'sent');
		const notText = await t.api('POST', `/api/messages/${poll.jobId}/edit`, { text: 'x' });
		expect([notText.status, notText.body.error.code]).toEqual([422, 'MESSAGE_NOT_EDITABLE']);

		await t.api('POST', '/api/sessions/desk/queue/pause');
		try {
			const waiting = await accepted(await t.api('POST', '/api/sessions/desk/messages', { to: patient, text: 'later' }));
			const early = await t.api('POST', `/api/messages/${waiting.jobId}/edit`, { text: 'sooner' });
			expect([early.status, early.body.error.code]).toEqual([409, 'JOB_NOT_SENT']);
			expect(early.body.error.message).toContain('cancelled');
			// DELETE on a message still waiting keeps its meaning: cancel it.
			const cancelled = await t.api('DELETE', `/api/messages/${waiting.jobId}`);
			expect([cancelled.status, cancelled.body.jobId, cancelled.body.status]).toEqual([200, waiting.jobId, 'cancelled']);
		} finally {
			await t.api('POST', '/api/sessions/desk/queue/resume');
		}
		const bad = await t.api('DELETE', `/api/messages/${poll.jobId}?for=all`);
		expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
	});

	it('deletes a sent message for everyone and for me; message.revoked carries the job', async () => {
		const wrong = await sent('Wrong price: 10', { quote: 9 });
		const everyone = await accepted(await t.api('DELETE', `/api/messages/${wrong.jobId}`));
		expect(everyone).toMatchObject({ kind: 'delete', lane: 'reply', forEveryone: true, target: { jobId: wrong.jobId, messageId: wrong.messageId } });
		expect((await finished(everyone.jobId)).status).toBe('sent');
		expect(phone.changes.revoked.map((r) => r.messageId)).toContain(wrong.messageId);
		await receiver.waitFor(() => events('message.revoked', (p) => p.messageId === wrong.messageId).length > 0, 'message.revoked', 30_000);
		expect(events('message.revoked', (p) => p.messageId === wrong.messageId)[0]).toMatchObject({
			for: 'everyone',
			fromMe: true,
			jobId: wrong.jobId,
			reference: { quote: 9 },
		});

		const mine = await sent('Note to self');
		const forMe = await accepted(await t.api('DELETE', `/api/messages/${mine.jobId}?for=me`, { reference: 'tidy' }));
		expect(forMe).toMatchObject({ kind: 'delete', forEveryone: false, reference: 'tidy' });
		expect((await finished(forMe.jobId)).status).toBe('sent');
		expect(phone.changes.deletedForMe.map((r) => r.messageId)).toContain(mine.messageId);
		expect(phone.changes.revoked.map((r) => r.messageId)).not.toContain(mine.messageId);

		// A delete job has no message of its own to delete.
		const twice = await t.api('DELETE', `/api/messages/${forMe.jobId}`);
		expect([twice.status, twice.body.error.code]).toEqual([409, 'JOB_NOT_SENT']);
	});

	it('fails a deletion for everyone past WhatsApp\'s window with DELETE_WINDOW_EXPIRED, without deleting it for me instead', async () => {
		const old = await sent('Old news');
		await phone.setChangeWindows({ revokeMs: 0 });
		const revoked = phone.changes.revoked.length;
		const forMe = phone.changes.deletedForMe.length;
		const deletion = await accepted(await t.api('DELETE', `/api/messages/${old.jobId}?for=everyone`));
		const done = await finished(deletion.jobId);
		expect([done.status, done.error?.code]).toEqual(['failed', 'DELETE_WINDOW_EXPIRED']);
		expect([phone.changes.revoked.length, phone.changes.deletedForMe.length]).toEqual([revoked, forMe]);
	});

	it('forwards a received message to another chat as a paced message with acks; an unknown message fails the job', async () => {
		const received = await phone.receive({ from: patient, body: 'My lab results are attached' });
		const doctor = '6285000000022';
		const forward = await accepted(
			await t.api('POST', `/api/sessions/desk/messages/${received.id}/forward`, { to: doctor, reference: { case: 7 }, lane: 'reply' }),
		);
		expect(forward).toMatchObject({ kind: 'forward', to: `${doctor}@c.us`, lane: 'reply', target: { jobId: null, messageId: received.id } });
		const done = await jobUntil(forward.jobId, (j) => typeof j.messageId === 'string', 'forwarded');
		const entry = (await phone.waitForOutbox(1)).find((e) => e.id === done.messageId);
		expect(entry).toMatchObject({ to: `${doctor}@c.us`, type: 'chat', body: 'My lab results are attached', isForwarded: true, forwardingScore: 1 });
		await phone.ack(done.messageId, 3);
		expect((await jobUntil(forward.jobId, (j) => j.status === 'read', 'read')).ack).toBe(3);

		const unknown = `false_${patient}@c.us_3A0000000000000000FF`;
		const lost = await accepted(await t.api('POST', `/api/sessions/desk/messages/${unknown}/forward`, { to: doctor }));
		const failed = await finished(lost.jobId);
		expect([failed.status, failed.error?.code]).toEqual(['failed', 'MESSAGE_NOT_FOUND']);
		const bad = await t.api('POST', '/api/sessions/desk/messages/not-an-id/forward', { to: doctor });
		expect([bad.status, bad.body.error.code]).toEqual([400, 'MESSAGE_ID_INVALID']);
	});
});
