import { Keyv } from 'keyv';
import type { SendingOptions } from '../../../sidecar/src/config';
import { createLogger } from '../../../sidecar/src/logger';
import { acceptJob } from '../../../sidecar/src/sending/acceptJob';
import { DEFAULT_MEDIA_POLICY } from '../../../sidecar/src/sending/media/MediaPolicy';
import { Pacer } from '../../../sidecar/src/sending/pacing/Pacer';
import { DEFAULT_PACING } from '../../../sidecar/src/sending/pacing/PacingConfig';
import { sendAttempt } from '../../../sidecar/src/sending/sendAttempt';
import { SessionQueue } from '../../../sidecar/src/sending/SessionQueue';
import type { Database } from '../../../sidecar/src/storage/database';
import { JobStore } from '../../../sidecar/src/storage/JobStore';
import { KeyedWrites } from '../../../sidecar/src/storage/KeyedWrites';
import { QueueStateStore } from '../../../sidecar/src/storage/QueueStateStore';
import { ScriptedEngine } from '../../support/scriptedEngine';

/** Retry backoff and the not-ready limit, with fake timers and in-memory keyv (no HTTP, no SQLite). */
describe('SessionQueue timing (fake timers)', () => {
	const memory: Database = {
		file: ':memory:',
		namespace: () => new Keyv(),
		writes: () => new KeyedWrites(),
		status: async () => ({ writable: true, file: ':memory:' }),
		close: async () => undefined,
	};
	const options: SendingOptions = {
		pacing: false,
		maxWaitMs: 60_000,
		sendTimeoutMs: 10_000,
		maxAttempts: 3,
		undeliveredAfterMs: 600_000,
		resendUndelivered: false,
		retentionMs: 86_400_000,
		referenceMaxBytes: 1024,
		media: { maxBytes: 1024, timeoutMs: 1000, allowedHosts: [] },
	};
	let store: JobStore;
	let engine: ScriptedEngine;
	let ready: boolean;
	let queue: SessionQueue;

	beforeEach(() => {
		jest.useFakeTimers({ now: Date.parse('2026-11-22T10:00:00Z') });
		store = new JobStore(memory);
		engine = new ScriptedEngine({} as never);
		ready = true;
		queue = new SessionQueue({
			session: 's1',
			store,
			states: new QueueStateStore(memory),
			options,
			logger: createLogger('silent'),
			pacer: () => new Pacer({ config: DEFAULT_PACING, enabled: false }),
			engine: () => (ready ? engine : undefined),
			linkedAt: () => undefined,
			send: (job, e) => sendAttempt(job, e, { store, media: DEFAULT_MEDIA_POLICY, sendTimeoutMs: 10_000, typingMs: () => 0 }),
			commit: (job) => store.save(job),
			onSent: () => undefined,
			random: () => 0, // the shortest backoff: a quarter of the window
		});
	});
	afterEach(async () => {
		await queue.close();
		jest.useRealTimers();
	});

	const accept = async (text: string) =>
		(await acceptJob('s1', { to: '6281234567890', text }, { store, options, media: DEFAULT_MEDIA_POLICY })).job;

	it('retries a refused send after 1.25 s, then 2.5 s, and sends it when the page accepts', async () => {
		const job = await accept('hello');
		engine.sendWith = { reject: 'Evaluation failed: not now' };
		queue.wake();
		await jest.advanceTimersByTimeAsync(0);
		expect([job.attempts, job.status]).toEqual([1, 'queued']);
		expect(job.notBefore).toBe(Date.now() + 1250);

		await jest.advanceTimersByTimeAsync(1249);
		expect(job.attempts).toBe(1);
		await jest.advanceTimersByTimeAsync(1);
		expect([job.attempts, job.status]).toEqual([2, 'queued']);

		engine.sendWith = 'accept';
		await jest.advanceTimersByTimeAsync(2499);
		expect(job.attempts).toBe(2);
		await jest.advanceTimersByTimeAsync(1);
		expect([job.attempts, job.status]).toEqual([3, 'sent']);
		expect(engine.sent.map((s) => s.message.text)).toEqual(['hello']);
	});

	it('gives up after the last attempt with SEND_FAILED, and the next message to that chat goes', async () => {
		const first = await accept('first');
		const second = await accept('second');
		engine.sendWith = { reject: 'Evaluation failed: nope' };
		queue.wake();
		await jest.advanceTimersByTimeAsync(0);
		await jest.advanceTimersByTimeAsync(1250);
		expect(second.attempts).toBe(0); // in order per recipient: it waits behind the first
		await jest.advanceTimersByTimeAsync(2500);
		expect([first.attempts, first.status, first.error?.code]).toEqual([3, 'failed', 'SEND_FAILED']);
		// The chat is free now: the second is tried at once (a 0 ms timer, which fake timers run after 1 ms).
		await jest.advanceTimersByTimeAsync(1);
		expect(second.attempts).toBe(1);
		engine.sendWith = 'accept';
		await jest.advanceTimersByTimeAsync(1250);
		expect(second.status).toBe('sent');
		expect(engine.sent.map((s) => s.message.text)).toEqual(['second']);
	});

	it('keeps messages while the session is not READY, sends when it is, and fails them after the limit', async () => {
		ready = false;
		const early = await accept('early');
		queue.wake();
		await jest.advanceTimersByTimeAsync(30_000);
		expect([early.status, queue.view().waitingFor]).toEqual(['queued', 'session not ready']);
		ready = true;
		queue.wake();
		await jest.advanceTimersByTimeAsync(0);
		expect(early.status).toBe('sent');

		ready = false;
		const late = await accept('late');
		queue.wake();
		await jest.advanceTimersByTimeAsync(59_999);
		expect(late.status).toBe('queued');
		await jest.advanceTimersByTimeAsync(1);
		expect([late.status, late.error?.code]).toEqual(['failed', 'SESSION_NOT_READY']);
		expect(engine.sent.map((s) => s.message.text)).toEqual(['early']);
	});
});
