export class TimeoutError extends Error {
	readonly code = 'TIMEOUT';
}

/** The promise's value, or a TimeoutError after `ms`; the timer never outlives the race. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new TimeoutError(`${what} did not finish within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** True when the promise settles successfully within `ms`; false when it fails or takes longer. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	promise.catch(() => undefined); // a late rejection must not become unhandled
	return withTimeout(promise, ms, 'operation').then(
		() => true,
		() => false,
	);
}
