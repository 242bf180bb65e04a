import type { Keyv } from 'keyv';
import type { SessionRecord } from '../sessions/SessionStatus';
import type { Database } from './database';

/** The session registry. Writes for one session are applied in the order they were made. */
export class SessionStore {
	private readonly keyv: Keyv<SessionRecord>;
	private readonly pending = new Map<string, Promise<unknown>>();

	constructor(database: Database) {
		this.keyv = database.namespace<SessionRecord>('sessions');
	}

	async all(): Promise<SessionRecord[]> {
		const records: SessionRecord[] = [];
		for await (const [, value] of this.keyv.iterator!(undefined)) records.push(value as SessionRecord);
		return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	save(record: SessionRecord): Promise<void> {
		return this.chain(record.id, () => this.keyv.set(record.id, record));
	}

	remove(id: string): Promise<void> {
		return this.chain(id, () => this.keyv.delete(id));
	}

	/** Waits for every write made so far. */
	async flush(): Promise<void> {
		await Promise.all(this.pending.values());
	}

	private chain(id: string, write: () => Promise<unknown>): Promise<void> {
		const next = (this.pending.get(id) ?? Promise.resolve()).then(write, write);
		const settled = next.then(
			() => undefined,
			() => undefined,
		);
		this.pending.set(id, settled);
		void settled.then(() => {
			if (this.pending.get(id) === settled) this.pending.delete(id);
		});
		return next.then(() => undefined);
	}
}
