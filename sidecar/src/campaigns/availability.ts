import type { SessionStatus } from '../contract';
import type { MessageService } from '../sending/MessageService';
import type { SessionManager } from '../sessions/SessionManager';

/**
 * Can this number send a campaign's messages now (issue 15)? What the sticky
 * assignment and the `spread` strategy ask before giving a number work.
 *
 * - `available`: READY, and its queue is not at a daily limit.
 * - `unavailable`: it cannot send until a person acts or a day passes — deleted, logged out (or
 *   waiting for a new QR scan), failed, stopped, or at its daily cap or warm-up cap.
 * - `transient`: starting or reconnecting on its own: its messages wait, they are not moved.
 */
export type Availability = { state: 'available' } | { state: 'unavailable' | 'transient'; reason: string };

/** Statuses a number leaves only when a person acts. */
const NEEDS_A_PERSON: ReadonlySet<SessionStatus> = new Set(['LOGGED_OUT', 'FAILED', 'STOPPED', 'SCAN_QR']);
/** What a queue waits for when a number may send no more today (Pacer's reasons). */
const DAILY_LIMITS: ReadonlySet<string> = new Set(['perDay', 'warmup', 'firstContactPerDay']);

export interface AvailabilityDeps {
	sessions: SessionManager;
	messages: MessageService;
}

export async function availabilityOf(sessionId: string, deps: AvailabilityDeps): Promise<Availability> {
	const session = deps.sessions.find(sessionId);
	if (!session) return { state: 'unavailable', reason: 'deleted' };
	const status = session.currentStatus();
	if (NEEDS_A_PERSON.has(status)) return { state: 'unavailable', reason: status };
	if (status !== 'READY') return { state: 'transient', reason: status };
	const queue = await deps.messages.queueViewIfAny(sessionId);
	if (queue && DAILY_LIMITS.has(queue.waitingFor)) return { state: 'unavailable', reason: queue.waitingFor };
	return { state: 'available' };
}

/** Each of the sessions with its availability, in the order given. */
export async function availabilities(sessionIds: string[], deps: AvailabilityDeps): Promise<Map<string, Availability>> {
	const entries = await Promise.all(sessionIds.map(async (id) => [id, await availabilityOf(id, deps)] as const));
	return new Map(entries);
}
