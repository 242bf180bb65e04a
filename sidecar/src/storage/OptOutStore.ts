import type { Keyv } from 'keyv';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';
import type { OptOutRecord } from './records';

/**
 * The opt-out list (issue 15): one keyv entry per list and contact, read into
 * memory at boot so the send queue can check a recipient synchronously right
 * before each send. The list key '' is the shared list; a session id is that
 * session's own (SIDECAR_OPT_OUT_SCOPE=session).
 */
export class OptOutStore {
	private readonly keyv: Keyv<OptOutRecord>;
	private readonly writes: KeyedWrites;
	private readonly records = new Map<string, OptOutRecord>();

	constructor(database: Database) {
		this.writes = database.writes();
		this.keyv = database.namespace<OptOutRecord>('optouts');
	}

	async load(): Promise<void> {
		for await (const [, value] of this.keyv.iterator!(undefined)) {
			const record = value as OptOutRecord;
			this.records.set(keyOf(record.list, record.contact), record);
		}
	}

	get(list: string | null, contact: string): OptOutRecord | undefined {
		return this.records.get(keyOf(list, contact));
	}

	/** Every entry, oldest first (optionally of one list only). */
	all(list?: string | null): OptOutRecord[] {
		const records = [...this.records.values()].filter((r) => list === undefined || r.list === list);
		return records.sort((a, b) => a.at.localeCompare(b.at) || a.contact.localeCompare(b.contact));
	}

	/** Known at once, on disk when this resolves. */
	async save(record: OptOutRecord): Promise<void> {
		const key = keyOf(record.list, record.contact);
		this.records.set(key, record);
		await this.writes.run(key, () => this.keyv.set(key, record));
	}

	/** Whether there was such an entry. */
	async remove(list: string | null, contact: string): Promise<boolean> {
		const key = keyOf(list, contact);
		if (!this.records.delete(key)) return false;
		await this.writes.run(key, () => this.keyv.delete(key));
		return true;
	}

	flush(): Promise<void> {
		return this.writes.flush();
	}
}

/** Session ids cannot hold a newline (contract/sessionId.ts), so the key is unambiguous. */
function keyOf(list: string | null, contact: string): string {
	return `${list ?? ''}\n${contact}`;
}
