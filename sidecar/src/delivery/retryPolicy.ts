import { backoffDelay } from '../sessions/backoff';

export type AttemptOutcome = 'delivered' | 'retry' | 'dead' | 'gone';

/**
 * n8n answers 404 for its webhook paths for a few seconds while it starts (it
 * listens before it registers the routes): a 404 is retried this many attempts
 * before it counts as the receiver's final refusal.
 */
export const NOT_FOUND_ATTEMPTS = 3;

/**
 * 2xx delivered; 410 the receiver is gone for good (the subscription is removed);
 * 408, 429 and 5xx (and network errors, timeouts) retry; so does a 404 for its
 * first attempts (a starting n8n); any other 4xx means the receiver refuses this
 * event, and sending it again would not change that.
 */
export function outcomeOf(status: number | undefined, attempt = 1): AttemptOutcome {
	if (status === undefined) return 'retry';
	if (status === 404 && attempt < NOT_FOUND_ATTEMPTS) return 'retry';
	if (status >= 200 && status < 300) return 'delivered';
	if (status === 410) return 'gone';
	if (status === 408 || status === 429 || status >= 500) return 'retry';
	return 'dead';
}

export interface RetryOptions {
	attempts: number;
	backoffBaseMs: number;
	backoffCapMs: number;
}

/**
 * Wait before the next attempt after `attempt` failed ones: exponential with
 * jitter (the same curve as session restarts), at least what a 429's
 * Retry-After asks for.
 */
export function retryDelay(attempt: number, options: RetryOptions, random?: () => number, retryAfterMs?: number): number {
	const delay = backoffDelay(attempt, { baseMs: options.backoffBaseMs, capMs: options.backoffCapMs, maxAttempts: options.attempts }, random);
	return Math.max(delay, Math.min(retryAfterMs ?? 0, options.backoffCapMs));
}

/** Retry-After in seconds or as an HTTP date → ms from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(header);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
