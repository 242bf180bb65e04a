import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { pollUntil } from '../../support/poll';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Edits, deletions and forwards over HTTP and the queue (scripted engine): what is checked, and what reaches the engine. */
describe('edit, delete and forward (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;

	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job);
	const jobUntil = (id: string, done: (j: Job) => boolean, what: string) =>
		pollUntil(() => job(id), done, { what: `job ${id}: ${what}`, context: () => t.logs.slice(-15).join('\n') });
	async function sentText(text: string, to = '6281234567890'): Promise<Job> {
		const accepted = await t.api('POST', '/api/sessions/clinic/messages', { to, text });
		expect(accepted.status).toBe(202);
		return jobUntil(accepted.body.jobId, (j) => j.status === 'sent', 'sent');
	}

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
	});
	afterAll(() => t.stop());

	it('queues an edit to the chat of the message it changes, and hands the engine the message id and new text', async () => {
		const original = await sentText('See you at 10');
		const edit = await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'See you at 11', reference: { v: 2 } });
		expect(edit.status).toBe(202);
		expect(edit.body).toMatchObject({ kind: 'edit', to: original.to, lane: 'reply', text: 'See you at 11', reference: { v: 2 }, target: { jobId: original.jobId, messageId: original.messageId } });
		const done = await jobUntil(edit.body.jobId, (j) => j.status === 'sent', 'sent');
		expect(done).toMatchObject({ messageId: null, messageIds: [], forEveryone: null });
		expect(engine.sent.at(-1)!.message).toMatchObject({ edit: { messageId: original.messageId, text: 'See you at 11' }, typingMs: 0 });
		expect(engine.sent.at(-1)!.message.text).toBeUndefined();
		// The original job notes the edit once WhatsApp took it.
		const noted = await jobUntil(original.jobId, (j) => j.changes.length > 0, 'edit noted');
		expect(noted.changes).toEqual([{ jobId: edit.body.jobId, kind: 'edit', at: done.sentAt, text: 'See you at 11' }]);
		expect(noted.text).toBe('See you at 10');
	});

	it('answers a reused idempotency key with another text with IDEMPOTENCY_KEY_REUSED', async () => {
		const original = await sentText('Price: 10');
		expect((await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'Price: 12', idempotencyKey: 'fix-price' })).status).toBe(202);
		const other = await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'Price: 13', idempotencyKey: 'fix-price' });
		expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
	});

	it('checks the request: text required, a known job, a job with a message, a known for=', async () => {
		const original = await sentText('Hello');
		const empty = await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: '' });
		expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		const unknown = await t.api('POST', '/api/messages/msg_nope/edit', { text: 'x' });
		expect([unknown.status, unknown.body.error.code]).toEqual([404, 'JOB_NOT_FOUND']);
		const stray = await t.api('POST', `/api/messages/${original.jobId}/edit`, { text: 'x', to: 'someone' });
		expect([stray.status, stray.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);

		const reaction = await t.api('POST', '/api/sessions/clinic/messages', { to: '6281234567890', reaction: { messageId: original.messageId, emoji: '👍' } });
		await jobUntil(reaction.body.jobId, (j) => j.status === 'sent', 'sent');
		const editReaction = await t.api('POST', `/api/messages/${reaction.body.jobId}/edit`, { text: 'x' });
		expect([editReaction.status, editReaction.body.error.code]).toEqual([409, 'JOB_NOT_SENT']);
		const deleteReaction = await t.api('DELETE', `/api/messages/${reaction.body.jobId}`);
		expect([deleteReaction.status, deleteReaction.body.error.code]).toEqual([409, 'JOB_NOT_SENT']);
		const badFor = await t.api('DELETE', `/api/messages/${original.jobId}?for=nobody`);
		expect([badFor.status, badFor.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
	});

	it('deletes for everyone by default, for me when asked; a cancelled job stays JOB_NOT_CANCELLABLE', async () => {
		const original = await sentText('Oops');
		const everyone = await t.api('DELETE', `/api/messages/${original.jobId}`);
		expect([everyone.status, everyone.body.kind, everyone.body.forEveryone]).toEqual([202, 'delete', true]);
		await jobUntil(everyone.body.jobId, (j) => j.status === 'sent', 'sent');
		expect(engine.sent.at(-1)!.message.delete).toEqual({ messageId: original.messageId, forEveryone: true });
		const me = await t.api('DELETE', `/api/messages/${original.jobId}?for=me`);
		expect([me.status, me.body.forEveryone]).toEqual([202, false]);

		await jobUntil(me.body.jobId, (j) => j.status === 'sent', 'sent');
		const noted = await jobUntil(original.jobId, (j) => j.changes.length === 2, 'both deletions noted');
		expect(noted.changes.map((c: Job) => [c.kind, c.jobId, c.forEveryone])).toEqual([
			['delete', everyone.body.jobId, true],
			['delete', me.body.jobId, false],
		]);

		const later = await t.api('POST', '/api/sessions/clinic/messages', { to: '6281234567891', text: 'never', sendAt: new Date(Date.now() + 60_000).toISOString() });
		const cancelled = await t.api('DELETE', `/api/messages/${later.body.jobId}?for=me`);
		expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
		const again = await t.api('DELETE', `/api/messages/${later.body.jobId}`);
		expect([again.status, again.body.error.code]).toEqual([409, 'JOB_NOT_CANCELLABLE']);
	});

	it('forwards to a recipient checked like a message, with the message id checked', async () => {
		const original = await sentText('Lab results');
		const forward = await t.api('POST', `/api/sessions/clinic/messages/${original.messageId}/forward`, { to: '0812 2222 3333' });
		expect(forward.status).toBe(202);
		expect(forward.body).toMatchObject({ kind: 'forward', to: '6281222223333@c.us', lane: 'bulk', target: { jobId: null, messageId: original.messageId } });
		const done = await jobUntil(forward.body.jobId, (j) => j.status === 'sent', 'sent');
		expect(done.messageId).toBe(engine.sent.at(-1)!.id);
		expect(engine.sent.at(-1)).toMatchObject({ chatId: '6281222223333@c.us', message: { forward: { messageId: original.messageId } } });

		const badTo = await t.api('POST', `/api/sessions/clinic/messages/${original.messageId}/forward`, { to: 'nobody' });
		expect([badTo.status, badTo.body.error.code]).toEqual([400, 'RECIPIENT_INVALID']);
		const badId = await t.api('POST', '/api/sessions/clinic/messages/msg_123/forward', { to: '6281222223333' });
		expect([badId.status, badId.body.error.code]).toEqual([400, 'MESSAGE_ID_INVALID']);
		const noSession = await t.api('POST', `/api/sessions/nope/messages/${original.messageId}/forward`, { to: '6281222223333' });
		expect([noSession.status, noSession.body.error.code]).toEqual([404, 'SESSION_NOT_FOUND']);
	});
});
