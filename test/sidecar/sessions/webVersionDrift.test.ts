import { WebVersionIncompatibleError } from '../../../sidecar/src/sessions/engine/WebVersionIncompatibleError';
import { makeSession, settle, until } from './sessionHarness';

const ACCOUNT = { wid: '15550001111@c.us' };
const READY_MS = 120_000;

/** A session whose WhatsApp Web the library cannot work with (scripted engine, fake timers; real pages: webVersion.browser.test.ts). */
describe('Session: WEB_VERSION_INCOMPATIBLE', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
	afterEach(() => jest.useRealTimers());

	it('a page that loads and never gets READY fails with the diagnosis, retries with backoff, clears the saved page once', async () => {
		const { session, engines, restarts, clearWebVersionCache } = makeSession({ readyTimeoutMs: READY_MS });
		engines.prepareNext((e) => (e.diagnosis = 'WhatsApp Web 2.3000.2 lacks … WAWebConnModel.Conn.serialize'));
		await session.start();
		await jest.advanceTimersByTimeAsync(READY_MS - 1);
		expect(session.currentStatus()).toBe('STARTING');
		await jest.advanceTimersByTimeAsync(1);
		await until(session, 'RECONNECTING');
		expect(session.view()).toMatchObject({
			reason: 'WEB_VERSION_INCOMPATIBLE',
			detail: 'no progress towards READY for 120 s: WhatsApp Web 2.3000.2 lacks … WAWebConnModel.Conn.serialize',
			lastError: { reason: 'WEB_VERSION_INCOMPATIBLE' },
		});
		expect(engines.engines[0].stopped).toBe(true);
		// The page of the version that failed goes (the others may be needed to pin an older one).
		expect(clearWebVersionCache.mock.calls).toEqual([['2.3000.1017054665']]);

		// Backoff, as after any failure; the second failure does not clear the cache again.
		await jest.advanceTimersByTimeAsync(1_000);
		await until(session, 'STARTING');
		await jest.advanceTimersByTimeAsync(READY_MS);
		await until(session, 'RECONNECTING');
		await jest.advanceTimersByTimeAsync(2_000);
		await until(session, 'STARTING');
		expect(restarts).toEqual([
			{ reason: 'WEB_VERSION_INCOMPATIBLE', delayMs: 1_000 },
			{ reason: 'WEB_VERSION_INCOMPATIBLE', delayMs: 2_000 },
		]);
		expect(clearWebVersionCache).toHaveBeenCalledTimes(1);

		// READY ends the run of failures: a later incompatibility may clear it once more.
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		await jest.advanceTimersByTimeAsync(60_000); // healthy long enough to count failures from 0 again
		engines.latest().emit({ type: 'browserGone', failure: 'BROWSER_CRASHED' });
		await until(session, 'RECONNECTING');
		await jest.advanceTimersByTimeAsync(1_000);
		await until(session, 'STARTING');
		await jest.advanceTimersByTimeAsync(READY_MS);
		await until(session, 'RECONNECTING');
		expect(clearWebVersionCache).toHaveBeenCalledTimes(2);
	});

	it('waits for a person while a QR is shown, and counts from the login after the scan', async () => {
		const { session, engines } = makeSession({ readyTimeoutMs: READY_MS });
		await session.start();
		engines.latest().emit({ type: 'qr', qr: 'ref,a,b,c,d' });
		await until(session, 'SCAN_QR');
		await jest.advanceTimersByTimeAsync(10 * READY_MS);
		expect(session.currentStatus()).toBe('SCAN_QR');

		engines.latest().emit({ type: 'authenticated' });
		await jest.advanceTimersByTimeAsync(READY_MS - 1);
		expect(session.currentStatus()).toBe('AUTHENTICATED');
		await jest.advanceTimersByTimeAsync(1);
		await until(session, 'RECONNECTING');
		expect(session.view().reason).toBe('WEB_VERSION_INCOMPATIBLE');
	});

	it('starts the time again with every step of the loading screen, and stops it at READY', async () => {
		const { session, engines } = makeSession({ readyTimeoutMs: READY_MS });
		await session.start();
		for (const percent of [20, 60, 99]) {
			await jest.advanceTimersByTimeAsync(READY_MS - 1_000);
			engines.latest().emit({ type: 'loading', percent });
		}
		expect(session.currentStatus()).toBe('STARTING');
		expect(engines.engines).toHaveLength(1);
		engines.latest().emit({ type: 'ready', account: ACCOUNT });
		await jest.advanceTimersByTimeAsync(10 * READY_MS);
		await settle();
		expect(session.currentStatus()).toBe('READY');
		expect(engines.engines).toHaveLength(1);
	});

	it('an injection error the engine names is the same reason, with its words as the detail', async () => {
		const { session, engines, clearWebVersionCache } = makeSession({ readyTimeoutMs: READY_MS });
		engines.prepareNext((e) => {
			e.startWith = 'reject';
			e.startError = 'unused';
			e.start = async () => {
				throw new WebVersionIncompatibleError('WhatsApp Web 2.3000.2 lacks what whatsapp-web.js 1.34.7 needs to log in: WAWebConnModel');
			};
		});
		await session.start();
		await until(session, 'RECONNECTING');
		expect(session.view()).toMatchObject({
			reason: 'WEB_VERSION_INCOMPATIBLE',
			detail: expect.stringContaining('needs to log in: WAWebConnModel'),
		});
		// The page never said its version: the requested version's page goes.
		expect(clearWebVersionCache.mock.calls).toEqual([[undefined]]);
	});

	it('any other start failure stays START_FAILED and leaves the saved page alone', async () => {
		const { session, engines, clearWebVersionCache } = makeSession({ readyTimeoutMs: READY_MS });
		engines.prepareNext((e) => {
			e.startWith = 'reject';
			e.startError = 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/';
		});
		await session.start();
		await until(session, 'RECONNECTING');
		expect(session.view()).toMatchObject({ reason: 'START_FAILED', detail: 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/' });
		expect(clearWebVersionCache).not.toHaveBeenCalled();
	});
});
