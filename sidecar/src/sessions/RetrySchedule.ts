import type { SupervisorOptions } from '../config';
import { backoffDelay } from './backoff';

/**
 * A session's automatic restarts: the failures in a row (each waits longer than
 * the last, up to the limit), the one pending retry, and how many restarts each
 * reason caused (GET /api/sessions/:id shows them).
 */
export class RetrySchedule {
	private failures = 0;
	private nextAt?: number;
	private timer?: NodeJS.Timeout;
	private healthyTimer?: NodeJS.Timeout;
	private readonly byReason: Record<string, number> = {};

	constructor(
		private readonly options: Pick<SupervisorOptions, 'backoff' | 'healthyResetMs'>,
		private readonly random?: () => number,
	) {}

	get maxAttempts(): number {
		return this.options.backoff.maxAttempts;
	}

	/** Counts a failure: the wait before the next attempt, or undefined once the attempts are used up. */
	countFailure(): number | undefined {
		this.failures += 1;
		if (this.failures > this.options.backoff.maxAttempts) return undefined;
		return backoffDelay(this.failures, this.options.backoff, this.random);
	}

	/** A start someone asked for begins a new count. */
	resetFailures(): void {
		this.failures = 0;
	}

	/** A session READY long enough starts its count over (unless `stillCurrent` says that run has ended). */
	resetWhenHealthy(stillCurrent: () => boolean): void {
		clearTimeout(this.healthyTimer);
		this.healthyTimer = setTimeout(() => {
			if (stillCurrent()) this.failures = 0;
		}, this.options.healthyResetMs);
	}

	/** The run ended: its healthy time no longer counts. */
	cancelHealthyReset(): void {
		clearTimeout(this.healthyTimer);
		this.healthyTimer = undefined;
	}

	/** Calls `retry` after `delayMs`; the restart is counted under `reason`. */
	schedule(delayMs: number, reason: string, retry: () => void): void {
		clearTimeout(this.timer);
		this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
		this.nextAt = Date.now() + delayMs;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			retry();
		}, delayMs);
	}

	/** Cancels the pending retry, if any. */
	clear(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.nextAt = undefined;
	}

	/** A launch began: no attempt is pending any more. */
	launched(): void {
		this.nextAt = undefined;
	}

	view() {
		return {
			failedAttempts: this.failures,
			nextAttemptAt: this.nextAt ? new Date(this.nextAt).toISOString() : null,
			restarts: { total: Object.values(this.byReason).reduce((a, b) => a + b, 0), byReason: { ...this.byReason } },
		};
	}
}
