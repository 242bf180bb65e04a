import type { Keyv } from 'keyv';
import type { KeyedWrites } from './KeyedWrites';

/** SQLite binds at most 32,766 values per statement (two per row); far fewer keeps each statement quick. */
const MAX_ROWS = 500;

/**
 * New entries written in the same moment go to SQLite together (database.ts's setMany: one
 * statement, one transaction, one flush to disk), each caller's promise settling with its batch.
 * What a campaign's acceptance writes by the thousand (its jobs, its contacts' numbers) costs a
 * few flushes instead of one each, with the same promise: resolved means on disk.
 *
 * Batches land one after the other, in the order they were made, and a batch keeps the last value
 * set for a key: an entry set twice ends with the later value. A batch is a single statement, so
 * its rows land together or not at all. Do not mix with other writes of the same entries.
 */
export class BatchedSets<T> {
	private pending: Array<{ key: string; value: T; resolve: () => void; reject: (error: unknown) => void }> = [];

	constructor(
		private readonly keyv: Keyv<T>,
		private readonly writes: KeyedWrites,
	) {}

	set(key: string, value: T): Promise<void> {
		return new Promise((resolve, reject) => {
			this.pending.push({ key, value, resolve, reject });
			// Everything set by the code running now joins this batch (a campaign's chunk sets its rows
			// in one synchronous pass). A promise, not a timer: it runs the same under fake timers.
			if (this.pending.length === 1) void Promise.resolve().then(() => this.write());
		});
	}

	/** Writes what waits for its batch now (before the database closes). */
	drain(): void {
		if (this.pending.length) this.write();
	}

	private write(): void {
		const all = this.pending.splice(0);
		for (let start = 0; start < all.length; start += MAX_ROWS) {
			const batch = all.slice(start, start + MAX_ROWS);
			const rows = new Map(batch.map(({ key, value }) => [key, value]));
			// One key for every batch: KeyedWrites runs them in order. The health guard sees each (StorageHealth).
			void this.writes.run('batches', () => this.keyv.setMany([...rows].map(([key, value]) => ({ key, value })))).then(
				() => batch.forEach((entry) => entry.resolve()),
				(error) => batch.forEach((entry) => entry.reject(error)),
			);
		}
	}
}
