import type { EventEnvelope, SessionStatusPayload } from '../../../sidecar/src/contract';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/** What the browser says when there is no internet: the words a user needs, beside the code. */
const OFFLINE = 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/';

/**
 * A session's reason is a stable code; what the library or the browser said goes
 * beside it as `detail`: in GET /api/sessions/:id (with `lastError`), in its
 * status history, and in the session.status event.
 */
describe('a session that cannot start says why, in the library’s words', () => {
	const engines = scriptedEngines();
	let t: TestSidecar;
	let published: EventEnvelope[];
	const session = () => t.api('GET', '/api/sessions/offline').then((a) => a.body);
	const statusEvents = () =>
		published.filter((e) => e.type === 'session.status' && e.session === 'offline').map((e) => e.payload as SessionStatusPayload);

	/** A sidecar on which every start fails as it does without internet; `offline` is created (and so started). */
	const startOffline = async (env: Record<string, string>) => {
		t = await startTestSidecar({ engineFactory: engines.factory, env });
		published = [];
		t.sidecar.bus.subscribe((event) => published.push(event));
		engines.prepareNext((engine) => {
			engine.startWith = 'reject';
			engine.startError = OFFLINE;
		});
		expect((await t.api('POST', '/api/sessions', { id: 'offline' })).status).toBe(201);
	};
	afterEach(() => t.stop());

	it('a failed start: reason START_FAILED, detail the error, in GET, the history and the event', async () => {
		// The first restart is a minute away at the soonest: the session stays RECONNECTING while the test looks.
		await startOffline({ SIDECAR_BACKOFF_BASE_MS: '240000' });
		const failed = await session();
		expect(failed).toMatchObject({
			status: 'RECONNECTING',
			reason: 'START_FAILED',
			detail: OFFLINE,
			lastError: { reason: 'START_FAILED', detail: OFFLINE, at: expect.any(String) },
		});
		expect(Date.parse(failed.lastError.at)).toBeGreaterThan(Date.now() - 60_000);
		expect(failed.history.at(-1)).toMatchObject({ from: 'STARTING', to: 'RECONNECTING', reason: 'START_FAILED', detail: OFFLINE });
		expect(statusEvents()).toEqual([
			{ status: 'STARTING', reason: 'START_REQUESTED', detail: null },
			{ status: 'RECONNECTING', reason: 'START_FAILED', detail: OFFLINE },
		]);
	});

	it('giving up: reason RESTARTS_EXHAUSTED, and the detail says after how many attempts and what failed last', async () => {
		// One restart attempt, soon: its failure gives up.
		await startOffline({ SIDECAR_BACKOFF_BASE_MS: '200', SIDECAR_BACKOFF_MAX_ATTEMPTS: '1' });
		const gaveUp = await pollUntil(session, (s) => s.status === 'FAILED', { what: 'offline FAILED', context: () => t.logs.slice(-10).join('\n') });
		expect(gaveUp).toMatchObject({
			reason: 'RESTARTS_EXHAUSTED',
			detail: `gave up after 1 restart attempt; the last failure: START_FAILED: ${OFFLINE}`,
			lastError: { reason: 'START_FAILED', detail: OFFLINE },
		});
		expect(statusEvents().at(-1)).toEqual({ status: 'FAILED', reason: 'RESTARTS_EXHAUSTED', detail: gaveUp.detail });
	});
});
