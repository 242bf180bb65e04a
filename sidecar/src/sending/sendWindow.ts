import { SendWindowPassedError } from '../errors';
import type { MessageJob } from '../storage/records';
import { markJob } from './jobTransitions';

/**
 * A message's send window (`sendBefore`, issue 15): a reminder held back by caps,
 * warm-up, quiet hours, a paused queue or a session that is not READY until after
 * the appointment is worse than none. The queue asks `pastSendWindow` before
 * every send and at every round, and wakes at `nextSendDeadline` so a held job
 * ends at its deadline without waiting for its turn.
 */

/** True when the job has a deadline and it has come (the deadline itself is too late). */
export function pastSendWindow(job: MessageJob, now = Date.now()): boolean {
	return job.notAfter !== undefined && now >= job.notAfter;
}

/**
 * Ends a waiting job whose deadline passed; the caller persists. A message never
 * sent ends `expired` (SEND_WINDOW_PASSED). One that went out and was waiting to
 * be sent once more (undelivered) is not sent again and stays `undelivered`: it
 * did go out, so it is not "never sent".
 */
export function expireJob(job: MessageJob): void {
	job.notBefore = undefined;
	if (job.messageIds.length > 0) {
		markJob(job, 'undelivered', { detail: 'not sent again: its sendBefore time passed' });
		return;
	}
	const error = new SendWindowPassedError(job.notAfter ?? Date.now());
	job.error = { code: error.code, message: error.message };
	markJob(job, 'expired', { detail: error.code });
}

/** The earliest deadline among the jobs, to wake at (undefined: none has one). */
export function nextSendDeadline(jobs: readonly MessageJob[]): number | undefined {
	let next: number | undefined;
	for (const job of jobs) if (job.notAfter !== undefined && (next === undefined || job.notAfter < next)) next = job.notAfter;
	return next;
}

/** The earlier of two wake-up times, either of which may be absent. */
export function earlierOf(a: number | undefined, b: number | undefined): number | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return Math.min(a, b);
}
