import { Keyv } from 'keyv';
import type { SendingOptions } from '../../../sidecar/src/config';
import { createLogger } from '../../../sidecar/src/logger';
import { acceptJob, type SendRequest } from '../../../sidecar/src/sending/acceptJob';
import { DEFAULT_MEDIA_POLICY } from '../../../sidecar/src/sending/media/MediaPolicy';
import { Pacer } from '../../../sidecar/src/sending/pacing/Pacer';
import { parsePacing } from '../../../sidecar/src/sending/pacing/PacingConfig';
import { sendAttempt } from '../../../sidecar/src/sending/sendAttempt';
import { SessionQueue } from '../../../sidecar/src/sending/SessionQueue';
import type { Database } from '../../../sidecar/src/storage/database';
import { JobStore } from '../../../sidecar/src/storage/JobStore';
import { KeyedWrites } from '../../../sidecar/src/storage/KeyedWrites';
import { QueueStateStore } from '../../../sidecar/src/storage/QueueStateStore';
import { ScriptedEngine } from '../../support/scriptedEngine';

/** sendBefore (issue 15): the queue never sends a message after its deadline (fake timers, scripted engine). */
describe('sendBefore in the send queue (fake timers)', () => {
	const START = Date.parse('2026-11-22T10:00:00Z');
	const options: SendingOptions = {
		pacing: true,
		maxWaitMs: 3_600_000,
		sendTimeoutMs: 10_000,
		maxAttempts: 3,
		undeliveredAfterMs: 600_000,
		resendUndelivered: false,
		retentionMs: 86_400_000,
		referenceMaxBytes: 1024,
		media: { maxBytes: 1024, timeoutMs: 1000, allowedHosts: [] },
	};
	// One message an hour to a recipient, no gaps otherwise: the second message to a person is held by a cap.
	const pacing = parsePacing({ minGapMs: 0, jitterMs: 0, reply: { minGapMs: 0, jitterMs: 0 }, warmup: { enabled: false }, caps: { perRecipientPerHour: 1 } });
	let disk: Map<string, Keyv>;
	let engine: ScriptedEngine;
	let ready: boolean;
	let queues: SessionQueue[];

	/** A database whose namespaces outlive a "restart" (a new JobStore over the same Keyv instances), as SQLite would. */
	const database = (): Database => ({
		file: ':memory:',
		namespace: <T>(name: string) => {
			if (!disk.has(name)) disk.set(name, new Keyv({ serialize: JSON.stringify, deserialize: JSON.parse }));
			return disk.get(name) as Keyv<T>;
		},
		writes: () => new KeyedWrites(),
		status: async () => ({ writable: true, file: ':memory:' }),
		close: async () => undefined,
	});

	/** The sidecar's sending half, started over what is on "disk". */
	const start = async () => {
		const db = database();
		const store = new JobStore(db);
		await store.load();
		const queue = new SessionQueue({
			session: 's1',
			store,
			states: new QueueStateStore(db),
			options,
			logger: createLogger('silent'),
			pacer: () => new Pacer({ config: pacing, enabled: true }),
			engine: () => (ready ? engine : undefined),
			linkedAt: () => undefined,
			send: (job, e) => sendAttempt(job, e, { store, media: DEFAULT_MEDIA_POLICY, sendTimeoutMs: 10_000, typingMs: () => 0 }),
			commit: (job) => store.save(job),
			onSent: () => undefined,
			random: () => 0,
		});
		await queue.load();
		queues.push(queue);
		const accept = async (request: Partial<SendRequest>) =>
			(await acceptJob('s1', { to: '6281234567890', ...request }, { store, options, media: DEFAULT_MEDIA_POLICY })).job;
		return { store, queue, accept };
	};

	beforeEach(() => {
		jest.useFakeTimers({ now: START });
		disk = new Map();
		engine = new ScriptedEngine({} as never);
		ready = true;
		queues = [];
	});
	afterEach(async () => {
		for (const queue of queues) await queue.close();
		jest.useRealTimers();
	});

	const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
	const texts = () => engine.sent.map((s) => s.message.text);

	it('expires a message held by a cap at its deadline, without waiting for the cap to let it go', async () => {
		const { queue, accept } = await start();
		const first = await accept({ text: 'first' });
		const reminder = await accept({ text: 'reminder', sendBefore: inMinutes(10), reference: { appointment: 7 } });
		queue.wake();
		await jest.advanceTimersByTimeAsync(1); // the send, then the next round (a 0 ms timer runs after 1 ms)
		expect(first.status).toBe('sent');
		expect([reminder.status, queue.view().waitingFor]).toEqual(['queued', 'perRecipient']);
		// The queue shows when the cap would let it go; it wakes at the deadline all the same.
		expect(Date.parse(queue.view().nextSendAt!)).toBeGreaterThan(Date.now() + 59 * 60_000);

		await jest.advanceTimersByTimeAsync(10 * 60_000 - 2);
		expect(reminder.status).toBe('queued');
		await jest.advanceTimersByTimeAsync(1);
		expect([reminder.status, reminder.error?.code]).toEqual(['expired', 'SEND_WINDOW_PASSED']);
		expect(reminder.error?.message).toMatch(/never sent/);

		// Past the cap's hour: still never sent.
		await jest.advanceTimersByTimeAsync(2 * 3_600_000);
		expect(texts()).toEqual(['first']);
		expect(queue.view()).toMatchObject({ depth: 0, totals: { expired: 1 } });
	});

	it('expires a message on a paused queue and on a session that is not READY, at its deadline', async () => {
		const { queue, accept } = await start();
		await queue.pause();
		const paused = await accept({ to: '6281111111111', text: 'paused', sendBefore: inMinutes(5) });
		queue.wake();
		await jest.advanceTimersByTimeAsync(5 * 60_000);
		expect(paused.status).toBe('expired');

		await queue.resume();
		ready = false;
		const unready = await accept({ to: '6282222222222', text: 'unready', sendBefore: inMinutes(5) });
		queue.wake();
		await jest.advanceTimersByTimeAsync(5 * 60_000 - 1);
		expect(unready.status).toBe('queued');
		await jest.advanceTimersByTimeAsync(1);
		expect(unready.status).toBe('expired');
		ready = true;
		queue.wake();
		await jest.advanceTimersByTimeAsync(60_000);
		expect(engine.sent).toHaveLength(0);
	});

	it('expires across a restart: a message whose deadline passed while the sidecar was down is never sent', async () => {
		const before = await start();
		const job = await before.accept({ text: 'later', sendAt: inMinutes(30), sendBefore: inMinutes(40) });
		before.queue.wake();
		await jest.advanceTimersByTimeAsync(0);
		expect(job.status).toBe('scheduled');
		await before.queue.close(); // the sidecar stops

		jest.setSystemTime(START + 60 * 60_000); // an hour later: past both sendAt and sendBefore
		const after = await start();
		const reloaded = after.store.get(job.id)!;
		expect(reloaded).not.toBe(job); // read back from "disk"
		expect(reloaded.status).toBe('scheduled');
		after.queue.wake();
		await jest.advanceTimersByTimeAsync(0);
		expect([reloaded.status, reloaded.error?.code]).toEqual(['expired', 'SEND_WINDOW_PASSED']);
		expect(engine.sent).toHaveLength(0);
		// The expiry is on disk, too.
		const third = await start();
		expect(third.store.get(job.id)?.status).toBe('expired');
	});

	it('sends a message that comes due just before its deadline, and it is not expired', async () => {
		const { queue, accept } = await start();
		const job = await accept({ text: 'just in time', sendAt: inMinutes(10), sendBefore: new Date(Date.now() + 10 * 60_000 + 1).toISOString() });
		queue.wake();
		await jest.advanceTimersByTimeAsync(10 * 60_000);
		expect([job.status, job.error]).toEqual(['sent', undefined]);
		expect(texts()).toEqual(['just in time']);
		await jest.advanceTimersByTimeAsync(60_000);
		expect(job.status).toBe('sent');
	});

	it('never hands WhatsApp a message whose deadline came while the number was being checked', async () => {
		const { queue, accept } = await start();
		const job = await accept({ text: 'slow check', checkNumber: true, sendBefore: new Date(Date.now() + 3_000).toISOString() });
		// The number check takes 5 s (within the send timeout): the deadline passes in the middle of the attempt.
		engine.numberId = (number: string) => new Promise((resolve) => setTimeout(() => resolve(`${number}@c.us`), 5_000));
		queue.wake();
		await jest.advanceTimersByTimeAsync(5_000);
		expect([job.status, job.error?.code]).toEqual(['expired', 'SEND_WINDOW_PASSED']);
		expect(engine.sent).toHaveLength(0);
	});

	it('does not send an undelivered message once more after its deadline: it stays undelivered, not expired', async () => {
		const { queue, store, accept } = await start();
		const job = await accept({ to: '6283333333333', text: 'once', sendBefore: inMinutes(10) });
		queue.wake();
		await jest.advanceTimersByTimeAsync(0);
		expect(job.status).toBe('sent');
		// What AckTracker does with SIDECAR_UNDELIVERED_RESEND: back to the queue to go once more, held here by the cap.
		job.resent = true;
		job.status = 'queued';
		await store.save(job);
		queue.wake();
		await jest.advanceTimersByTimeAsync(1);
		expect(queue.view().waitingFor).toBe('perRecipient');
		await jest.advanceTimersByTimeAsync(10 * 60_000);
		expect([job.status, job.error]).toEqual(['undelivered', undefined]);
		expect(job.history.at(-1)?.detail).toMatch(/not sent again/);
		expect(texts()).toEqual(['once']);
	});
});
