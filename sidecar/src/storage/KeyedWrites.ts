/**
 * Orders writes per key: a later write of one record never lands before an
 * earlier one (keyv's SQLite store runs statements concurrently), while writes
 * of different records still overlap.
 */
export class KeyedWrites {
	private readonly pending = new Map<string, Promise<unknown>>();

	/** `guard` wraps every write (the database's: failures become STORAGE_UNAVAILABLE). */
	constructor(private readonly guard: (write: () => Promise<unknown>) => Promise<unknown> = (write) => write()) {}

	run(key: string, write: () => Promise<unknown>): Promise<void> {
		const guarded = () => this.guard(write);
		const next = (this.pending.get(key) ?? Promise.resolve()).then(guarded, guarded);
		const settled = next.then(
			() => undefined,
			() => undefined,
		);
		this.pending.set(key, settled);
		void settled.then(() => {
			if (this.pending.get(key) === settled) this.pending.delete(key);
		});
		return next.then(() => undefined);
	}

	/** Waits for every write made so far. */
	async flush(): Promise<void> {
		await Promise.all(this.pending.values());
	}
}
