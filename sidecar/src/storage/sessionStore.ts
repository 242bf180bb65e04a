import type { Keyv } from 'keyv';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';
import type { SessionRecord } from './records';

/** The session registry. Writes for one session are applied in the order they were made. */
export class SessionStore {
	private readonly keyv: Keyv<SessionRecord>;
	private readonly writes: KeyedWrites;

	constructor(database: Database) {
		this.writes = database.writes();
		this.keyv = database.namespace<SessionRecord>('sessions');
	}

	async all(): Promise<SessionRecord[]> {
		const records: SessionRecord[] = [];
		for await (const [, value] of this.keyv.iterator!(undefined)) records.push(value as SessionRecord);
		return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	save(record: SessionRecord): Promise<void> {
		return this.writes.run(record.id, () => this.keyv.set(record.id, record));
	}

	remove(id: string): Promise<void> {
		return this.writes.run(id, () => this.keyv.delete(id));
	}

	/** Waits for every write made so far. */
	flush(): Promise<void> {
		return this.writes.flush();
	}
}
