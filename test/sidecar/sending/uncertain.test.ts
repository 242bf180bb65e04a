import { createLogger } from '../../../sidecar/src/logger';
import { markUncertain } from '../../../sidecar/src/sending/jobTransitions';
import { openDatabase } from '../../../sidecar/src/storage/database';
import { JobStore } from '../../../sidecar/src/storage/JobStore';
import type { MessageJob } from '../../../sidecar/src/storage/records';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

function sendingJob(over: Partial<MessageJob> = {}): MessageJob {
	const now = Date.now();
	return {
		id: 'msg_interrupted',
		seq: 1,
		session: 'clinic',
		to: '6285555555555@c.us',
		content: { text: 'cut off' },
		lane: 'bulk',
		checkNumber: false,
		status: 'sending',
		ack: null,
		messageIds: [],
		attempts: 1,
		attemptStartedAt: now,
		resent: false,
		history: [
			{ at: new Date(now).toISOString(), status: 'queued' },
			{ at: new Date(now).toISOString(), status: 'sending', detail: 'attempt 1' },
		],
		createdAt: now,
		updatedAt: now,
		...over,
	};
}

describe('markUncertain: the one way a job becomes uncertain', () => {
	it('sets the status, the error and a history entry naming the code, and forgets any retry time', () => {
		const job = sendingJob({ notBefore: Date.now() + 5_000 });
		markUncertain(job, 'SEND_UNCERTAIN', 'WhatsApp Web did not confirm the message within 10 s');
		expect(job).toMatchObject({ status: 'uncertain', error: { code: 'SEND_UNCERTAIN', message: 'WhatsApp Web did not confirm the message within 10 s' } });
		expect(job.notBefore).toBeUndefined();
		expect(job.history.at(-1)).toEqual({ at: expect.any(String), status: 'uncertain', detail: 'SEND_UNCERTAIN' });
	});
});

/** Both ways into `uncertain` (a send that never answered, a crash during a send) leave the same shape of job. */
describe('uncertain jobs, whichever way they got there (scripted engine)', () => {
	const engines = scriptedEngines();
	let t: TestSidecar;
	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body);
	const env = { SIDECAR_PACING: 'off', SIDECAR_SEND_TIMEOUT_MS: '300', SIDECAR_SEND_MAX_ATTEMPTS: '1' };

	afterAll(() => t.stop());

	it('a send that never answers: SEND_UNCERTAIN; a send a crash cut off: SEND_INTERRUPTED; the same shape', async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		const engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		engine.sendWith = 'hang';
		const hung = await t.api('POST', '/api/sessions/clinic/messages', { to: '6284444444444', text: 'lost in the page' });
		const timedOut = await pollUntil(() => job(hung.body.jobId), (j) => j.status === 'uncertain', { what: 'the hung send uncertain' });
		await t.stop();

		// A crash between "attempt recorded" and "library answered" leaves a job `sending` on disk.
		const database = await openDatabase(t.dataDir, { logger: createLogger('silent') });
		const store = new JobStore(database);
		await store.load();
		await store.add(sendingJob({ seq: store.nextSeq() }));
		await store.flush();
		await database.close();
		t = await startTestSidecar({ engineFactory: engines.factory, env, dataDir: t.dataDir });
		const interrupted = await job('msg_interrupted');

		const shape = (j: Record<string, any>) => ({ status: j.status, error: j.error?.code, last: j.history.at(-1) }); // eslint-disable-line @typescript-eslint/no-explicit-any
		expect(shape(timedOut)).toEqual({ status: 'uncertain', error: 'SEND_UNCERTAIN', last: { at: expect.any(String), status: 'uncertain', detail: 'SEND_UNCERTAIN' } });
		expect(shape(interrupted)).toEqual({ status: 'uncertain', error: 'SEND_INTERRUPTED', last: { at: expect.any(String), status: 'uncertain', detail: 'SEND_INTERRUPTED' } });
		expect(timedOut.error.message).toMatch(/did not confirm/);
		expect(interrupted.error.message).toMatch(/stopped while this message was being sent/);
		// Neither is sent again.
		expect(engines.engines.flatMap((e) => e.sent).filter((s) => s.message.text === 'cut off')).toEqual([]);
	});
});
