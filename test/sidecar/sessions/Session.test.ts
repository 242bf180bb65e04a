import { QrRateLimitedError } from '../../../sidecar/src/errors';
import { makeSession, settle, until } from './sessionHarness';

const ACCOUNT = { wid: '15550001111@c.us', pushname: 'Clinic' };

describe('Session state machine', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
	afterEach(() => jest.useRealTimers());

	it('goes STARTING → SCAN_QR → AUTHENTICATED → READY, keeping a history and the QR until login', async () => {
		const { session, engines } = makeSession();
		await session.start();
		expect(session.currentStatus()).toBe('STARTING');
		engines.latest().emit({ type: 'qr', qr: 'ref,a,b,c,d' });
		await until(session, 'SCAN_QR');
		expect(session.qr.view()).toMatchObject({ raw: 'ref,a,b,c,d', count: 1 });
		expect(session.qr.png()!.subarray(1, 4).toString()).toBe('PNG');
		engines.latest().emit({ type: 'authenticated' });
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		expect(session.view()).toMatchObject({ status: 'READY', account: ACCOUNT, qrAvailable: false, desired: 'running' });
		expect(session.view().history.map((h) => h.to)).toEqual(['STARTING', 'SCAN_QR', 'AUTHENTICATED', 'READY']);
	});

	it('serializes concurrent starts: one engine, not two', async () => {
		const { session, engines } = makeSession();
		await Promise.all([session.start(), session.start(), session.start()]);
		expect(engines.engines).toHaveLength(1);
	});

	it('restarts a crashed browser on the backoff schedule, then gives up as FAILED', async () => {
		const { session, engines, restarts } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });

		engines.latest().emit({ type: 'browserGone', failure: 'BROWSER_CRASHED' });
		await until(session, 'RECONNECTING');
		expect(engines.engines[0].stopped).toBe(true);
		expect(session.view().nextAttemptAt).not.toBeNull();

		// Attempt 1 waits 1 s (top of its window): nothing before, a new engine after.
		await jest.advanceTimersByTimeAsync(999);
		expect(engines.engines).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(1);
		await until(session, 'STARTING');
		expect(engines.engines).toHaveLength(2);

		for (const [index, wait] of [2_000, 4_000].entries()) {
			engines.latest().emit({ type: 'browserGone', failure: 'PAGE_CRASHED' });
			await until(session, 'RECONNECTING');
			await jest.advanceTimersByTimeAsync(wait - 1);
			expect(engines.engines).toHaveLength(index + 2);
			await jest.advanceTimersByTimeAsync(1);
			await until(session, 'STARTING');
		}
		engines.latest().emit({ type: 'browserGone', failure: 'BROWSER_CRASHED' });
		await until(session, 'FAILED');
		// The reason is a code; the words (how many attempts, the last failure) are the detail.
		expect(session.view()).toMatchObject({ reason: 'RESTARTS_EXHAUSTED', detail: expect.stringMatching(/gave up after 3 restart attempts/) });
		await jest.advanceTimersByTimeAsync(3_600_000);
		expect(engines.engines).toHaveLength(4);
		expect(restarts.map((r) => r.delayMs)).toEqual([1_000, 2_000, 4_000]);
	});

	it('resets the failure count after a healthy period of READY', async () => {
		const { session, engines, restarts } = makeSession();
		await session.start();
		for (let round = 0; round < 2; round++) {
			engines.latest().emit({ type: 'ready', account: ACCOUNT });
			await jest.advanceTimersByTimeAsync(60_000); // healthy long enough
			engines.latest().emit({ type: 'browserGone', failure: 'BROWSER_CRASHED' });
			await until(session, 'RECONNECTING');
			await jest.advanceTimersByTimeAsync(1_000);
			await until(session, 'STARTING');
		}
		expect(restarts.map((r) => r.delayMs)).toEqual([1_000, 1_000]);
	});

	it('a failed initialize() counts as a failure and is retried', async () => {
		const { session, engines } = makeSession();
		engines.prepareNext((e) => (e.startWith = 'reject'));
		await session.start();
		expect(session.view()).toMatchObject({ status: 'RECONNECTING', reason: 'START_FAILED', failedAttempts: 1 });
		engines.prepareNext(() => undefined);
		await jest.advanceTimersByTimeAsync(1_000);
		await until(session, 'STARTING');
	});

	it('tells each status with its code and the words beside it; the last failure stays after recovery', async () => {
		const { session, engines, statuses, persisted } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		engines.latest().emit({ type: 'browserGone', failure: 'PAGE_CRASHED', detail: 'Page crashed!' });
		await until(session, 'RECONNECTING');
		expect(statuses.at(-1)).toEqual({ type: 'session.status', session: 's1', status: 'RECONNECTING', from: 'READY', reason: 'PAGE_CRASHED', detail: 'Page crashed!' });
		expect(session.view()).toMatchObject({ reason: 'PAGE_CRASHED', detail: 'Page crashed!', lastError: { reason: 'PAGE_CRASHED', detail: 'Page crashed!' } });
		expect(session.view().history.at(-1)).toMatchObject({ to: 'RECONNECTING', reason: 'PAGE_CRASHED', detail: 'Page crashed!' });

		await jest.advanceTimersByTimeAsync(1_000);
		await until(session, 'STARTING');
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		expect(statuses.map((e) => [e.status, e.reason, e.detail])).toEqual([
			['STARTING', 'START_REQUESTED', null],
			['READY', 'CONNECTED', null],
			['RECONNECTING', 'PAGE_CRASHED', 'Page crashed!'],
			['STARTING', 'RETRY', null],
			['READY', 'CONNECTED', null],
		]);
		// READY again: no detail for the status, but the last failure is still there to read (and kept on disk).
		expect(session.view()).toMatchObject({ status: 'READY', detail: null, lastError: { reason: 'PAGE_CRASHED', detail: 'Page crashed!' } });
		expect(persisted.at(-1)).toMatchObject({ status: 'READY', lastError: { reason: 'PAGE_CRASHED', detail: 'Page crashed!' } });
	});

	it('a start that never finishes times out and is retried', async () => {
		const { session, engines } = makeSession({ startTimeoutMs: 5_000 });
		engines.prepareNext((e) => (e.startWith = 'hang'));
		const started = session.start();
		await jest.advanceTimersByTimeAsync(5_000);
		await started;
		expect(session.view()).toMatchObject({ status: 'RECONNECTING', reason: 'START_FAILED' });
		expect(engines.engines[0].stopped).toBe(true);
	});

	it('a logout on the phone means LOGGED_OUT: login wiped, and no restart ever', async () => {
		const { session, engines, wipeAuth } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		engines.latest().emit({ type: 'disconnected', reason: 'LOGOUT' });
		await until(session, 'LOGGED_OUT');
		expect(wipeAuth).toHaveBeenCalledTimes(1);
		expect(session.view()).toMatchObject({ account: null, desired: 'stopped', reason: 'LOGOUT' });
		await jest.advanceTimersByTimeAsync(24 * 3_600_000);
		expect(engines.engines).toHaveLength(1);
	});

	it.each(['TOS_BLOCK', 'DEPRECATED_VERSION'])('%s means FAILED with that reason, no retry', async (reason) => {
		const { session, engines } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		engines.latest().emit({ type: 'disconnected', reason });
		await until(session, 'FAILED');
		expect(session.view().reason).toBe(reason);
		await jest.advanceTimersByTimeAsync(24 * 3_600_000);
		expect(engines.engines).toHaveLength(1);
	});

	it('a conflict waits the conflict time (no storm) before trying again', async () => {
		const { session, engines } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		engines.latest().emit({ type: 'disconnected', reason: 'CONFLICT' });
		await until(session, 'RECONNECTING');
		expect(session.view().reason).toBe('CONFLICT');
		await jest.advanceTimersByTimeAsync(599_999);
		expect(engines.engines).toHaveLength(1);
		await jest.advanceTimersByTimeAsync(1);
		await until(session, 'STARTING');
		expect(engines.engines).toHaveLength(2);
	});

	it('under the takeover policy, repeated conflicts stop the fight and wait', async () => {
		const { session, engines } = makeSession({ conflict: { policy: 'takeover', waitMs: 600_000 } });
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		for (let i = 0; i < 3; i++) engines.latest().emit({ type: 'state', state: 'CONFLICT' });
		await settle();
		expect(session.currentStatus()).toBe('READY');
		engines.latest().emit({ type: 'state', state: 'CONFLICT' });
		await until(session, 'RECONNECTING');
		expect(session.view().reason).toBe('CONFLICT_REPEATED');
	});

	it('stops with QR_TIMEOUT after too many unscanned QRs, and limits QR starts', async () => {
		const { session, engines } = makeSession();
		for (let start = 0; start < 2; start++) {
			await session.start();
			for (let i = 0; i < 4; i++) engines.latest().emit({ type: 'qr', qr: `ref${start}-${i},a,b,c,d` });
			await until(session, 'STOPPED');
			expect(session.view()).toMatchObject({ reason: 'QR_TIMEOUT', desired: 'stopped' });
			expect(engines.latest().stopped).toBe(true);
		}
		await expect(session.start()).rejects.toBeInstanceOf(QrRateLimitedError);
		expect(engines.engines).toHaveLength(2);
		await jest.advanceTimersByTimeAsync(600_000);
		await session.start();
		expect(engines.engines).toHaveLength(3);
	});

	it('the watchdog restarts a READY session whose page stops answering', async () => {
		const { session, engines } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		await jest.advanceTimersByTimeAsync(10_000);
		expect(engines.latest().probes).toBe(1);
		expect(session.currentStatus()).toBe('READY');
		engines.latest().probeWith = 'hang';
		await jest.advanceTimersByTimeAsync(10_000 + 2_000);
		await until(session, 'RECONNECTING');
		expect(session.view().reason).toBe('WATCHDOG_TIMEOUT');
	});

	it('the watchdog restarts a READY session stuck away from CONNECTED, but tolerates a short blip', async () => {
		const { session, engines } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		engines.latest().emit({ type: 'state', state: 'TIMEOUT' });
		engines.latest().emit({ type: 'state', state: 'CONNECTED' });
		await jest.advanceTimersByTimeAsync(40_000);
		expect(session.currentStatus()).toBe('READY');
		engines.latest().probeWith = { state: 'OPENING' };
		await jest.advanceTimersByTimeAsync(40_000);
		await until(session, 'RECONNECTING');
		expect(session.view().reason).toBe('NOT_CONNECTED');
	});

	it('ignores events from a replaced engine', async () => {
		const { session, engines } = makeSession();
		await session.start();
		const old = engines.latest();
		const listener = old.listener!;
		await session.restart();
		listener({ type: 'browserGone', failure: 'BROWSER_CRASHED' });
		listener({ type: 'disconnected', reason: 'LOGOUT' });
		await settle();
		expect(session.currentStatus()).toBe('STARTING');
		expect(engines.engines).toHaveLength(2);
	});

	it('stop() cancels a pending retry; logout() logs out through the engine and wipes the login', async () => {
		const { session, engines, wipeAuth } = makeSession();
		await session.start();
		engines.latest().emit({ type: 'browserGone', failure: 'BROWSER_CRASHED' });
		await until(session, 'RECONNECTING');
		await session.stop();
		await jest.advanceTimersByTimeAsync(3_600_000);
		expect(engines.engines).toHaveLength(1);
		expect(session.view()).toMatchObject({ status: 'STOPPED', desired: 'stopped' });

		await session.start();
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		await session.logout();
		expect(engines.latest().loggedOut).toBe(true);
		expect(wipeAuth).toHaveBeenCalled();
		expect(session.view()).toMatchObject({ status: 'LOGGED_OUT', account: null });
	});
});
