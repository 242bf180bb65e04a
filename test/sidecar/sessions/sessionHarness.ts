import type { SupervisorOptions } from '../../../sidecar/src/config';
import { DomainEvents, type DomainEventOf } from '../../../sidecar/src/events/domainEvents';
import { createLogger } from '../../../sidecar/src/logger';
import { Session } from '../../../sidecar/src/sessions/Session';
import type { SessionRecord, SessionStatus } from '../../../sidecar/src/sessions/SessionStatus';
import { scriptedEngines } from '../../support/scriptedEngine';

export const OPTIONS: SupervisorOptions = {
	backoff: { baseMs: 1_000, capMs: 60_000, maxAttempts: 3 },
	healthyResetMs: 60_000,
	startTimeoutMs: 30_000,
	readyTimeoutMs: 0, // off unless a test is about it (webVersionDrift.test.ts)
	destroyTimeoutMs: 1_000,
	watchdog: { intervalMs: 10_000, timeoutMs: 2_000, notConnectedMs: 30_000 },
	qr: { maxUnscanned: 3, startLimit: 2, startWindowMs: 600_000 },
	conflict: { policy: 'wait', waitMs: 600_000 },
	startStaggerMs: 0,
	shutdownTimeoutMs: 5_000,
};

/** A Session over scripted engines, with a fixed jitter (the top of each backoff window). */
export function makeSession(
	options: Partial<SupervisorOptions> = {},
	record: Partial<SessionRecord> = {},
) {
	const engines = scriptedEngines();
	const persisted: SessionRecord[] = [];
	const wipeAuth = jest.fn(async () => undefined);
	const clearWebVersionCache = jest.fn(async (_version: string | undefined) => undefined);
	const restarts: Array<{ reason: string; delayMs: number }> = [];
	const events = new DomainEvents(createLogger('silent'));
	events.on('session.restartScheduled', ({ reason, delayMs }) => void restarts.push({ reason, delayMs }));
	/** Every session.status event, in order. */
	const statuses: Array<DomainEventOf<'session.status'>> = [];
	events.on('session.status', (e) => void statuses.push(e));
	const session = new Session(
		{ id: 's1', config: {}, desired: 'stopped', status: 'STOPPED', history: [], createdAt: '2026-01-01T00:00:00Z', ...record },
		{
			createEngine: () =>
				engines.factory({
					sessionId: 's1',
					authDir: '/tmp/none',
					chromium: { executablePath: '/bin/false', args: [] },
					webVersion: 'x',
					webVersionCache: { type: 'none' },
					takeoverOnConflict: false,
					destroyTimeoutMs: 1_000,
				}),
			options: { ...OPTIONS, ...options },
			logger: createLogger('silent'),
			persist: (r) => persisted.push(r),
			wipeAuth,
			pruneCaches: async () => undefined,
			clearWebVersionCache,
			events,
			random: () => 1,
			// A PNG signature stands in for the drawing: encoding real QRs is slow inside jest
			// (the HTTP tests check real PNGs).
			renderQr: async (raw) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(raw)]),
		},
	);
	return { session, engines, persisted, wipeAuth, clearWebVersionCache, restarts, statuses, events };
}

/** Lets promise chains run (setImmediate is not faked). */
export async function settle(rounds = 5): Promise<void> {
	for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Waits (through real event-loop turns, no clock) until the session reaches a status. */
export async function until(session: Session, status: SessionStatus, rounds = 200): Promise<void> {
	for (let i = 0; i < rounds && session.currentStatus() !== status; i++) await settle(1);
	expect(session.currentStatus()).toBe(status);
}
