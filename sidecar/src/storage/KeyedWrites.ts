/**
 * Orders writes per key: a later write of one record never lands before an
 * earlier one (keyv's SQLite store runs statements concurrently), while writes
 * of different records still overlap.
 */
export class KeyedWrites {
	private readonly pending = new Map<string, Promise<unknown>>();

	run(key: string, write: () => Promise<unknown>): Promise<void> {
		const next = (this.pending.get(key) ?? Promise.resolve()).then(write, write);
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
