import type { Keyv } from 'keyv';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';
import type { LidRecord } from './records';

interface SessionPairs {
	phoneOfLid: Map<string, string>;
	lidOfPhone: Map<string, string>;
}

/**
 * LID ↔ phone pairs per session (a person's LID is the same for every account,
 * but what an account may learn about it is the account's business, and a
 * deleted session takes its pairs with it). One keyv entry per pair, read into
 * memory at boot, so lookups are synchronous; only complete pairs are kept.
 */
export class LidStore {
	private readonly keyv: Keyv<LidRecord>;
	private readonly writes: KeyedWrites;
	private readonly sessions = new Map<string, SessionPairs>();

	constructor(database: Database) {
		this.writes = database.writes();
		this.keyv = database.namespace<LidRecord>('lids');
	}

	async load(): Promise<void> {
		for await (const [, value] of this.keyv.iterator!(undefined)) {
			const record = value as LidRecord;
			this.index(record.session, record.lid, record.phone);
		}
	}

	phoneOf(session: string, lid: string): string | undefined {
		return this.sessions.get(session)?.phoneOfLid.get(lid);
	}

	lidOf(session: string, phone: string): string | undefined {
		return this.sessions.get(session)?.lidOfPhone.get(phone);
	}

	/** Keeps a pair (known at once, on disk when this resolves); the phone's or the LID's earlier partner is dropped. */
	async save(session: string, lid: string, phone: string): Promise<void> {
		const pairs = this.pairsOf(session);
		if (pairs.phoneOfLid.get(lid) === phone) return;
		const oldLid = pairs.lidOfPhone.get(phone);
		const oldPhone = pairs.phoneOfLid.get(lid);
		if (oldLid !== undefined) pairs.phoneOfLid.delete(oldLid);
		if (oldPhone !== undefined) pairs.lidOfPhone.delete(oldPhone);
		pairs.phoneOfLid.set(lid, phone);
		pairs.lidOfPhone.set(phone, lid);
		const record: LidRecord = { session, lid, phone, learnedAt: new Date().toISOString() };
		await Promise.all([
			oldLid === undefined ? undefined : this.writes.run(keyOf(session, oldLid), () => this.keyv.delete(keyOf(session, oldLid))),
			this.writes.run(keyOf(session, lid), () => this.keyv.set(keyOf(session, lid), record)),
		]);
	}

	async removeSession(session: string): Promise<void> {
		const pairs = this.sessions.get(session);
		this.sessions.delete(session);
		if (!pairs) return;
		await Promise.all([...pairs.phoneOfLid.keys()].map((lid) => this.writes.run(keyOf(session, lid), () => this.keyv.delete(keyOf(session, lid)))));
	}

	flush(): Promise<void> {
		return this.writes.flush();
	}

	private index(session: string, lid: string, phone: string): void {
		const pairs = this.pairsOf(session);
		pairs.phoneOfLid.set(lid, phone);
		pairs.lidOfPhone.set(phone, lid);
	}

	private pairsOf(session: string): SessionPairs {
		let pairs = this.sessions.get(session);
		if (!pairs) this.sessions.set(session, (pairs = { phoneOfLid: new Map(), lidOfPhone: new Map() }));
		return pairs;
	}
}

/** Session ids cannot hold a newline (contract/sessionId.ts), so the key is unambiguous. */
function keyOf(session: string, lid: string): string {
	return `${session}\n${lid}`;
}
