export interface BackoffOptions {
	baseMs: number;
	capMs: number;
	maxAttempts: number;
}

/**
 * Wait before restart attempt `attempt` (1-based): exponential growth capped at
 * `capMs`, with full jitter (a random point in the window) so many sessions that
 * failed together do not retry together. The window's lower quarter is cut off,
 * so even an unlucky draw is never a tight loop.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
	const window = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
	const floor = window / 4;
	return Math.round(floor + random() * (window - floor));
}
