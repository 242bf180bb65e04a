/**
 * Asks `read` again and again until `done` holds for what it returned, or fails
 * after `timeoutMs` with the last value (and `context()`, e.g. log lines).
 */
export async function pollUntil<T>(
	read: () => Promise<T> | T,
	done: (value: T) => boolean,
	options: { timeoutMs?: number; what?: string; everyMs?: number; context?: () => string } = {},
): Promise<T> {
	const { timeoutMs = 30_000, what = 'the expected state', everyMs = 50 } = options;
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	while (Date.now() < deadline) {
		last = await read();
		if (done(last)) return last;
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	throw new Error(
		`${what} did not happen within ${timeoutMs} ms.\nLast: ${JSON.stringify(last, null, 1)}` +
			(options.context ? `\n${options.context()}` : ''),
	);
}

/** Whether `promise` settles within `ms` (the timer is cleared either way, so it keeps nothing alive). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
	try {
		return await Promise.race([promise.then(() => true as const), timedOut]);
	} finally {
		clearTimeout(timer);
	}
}
