import type { Keyv } from 'keyv';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';

/** What a session's send queue keeps across restarts: paused or not, and its recent sends (caps count them). */
export interface QueueState {
	paused: boolean;
	/** SendLedger.toJSON(): without it a restart would reset the hourly and daily caps. */
	ledger?: unknown;
}

export class QueueStateStore {
	private readonly keyv: Keyv<QueueState>;
	private readonly writes: KeyedWrites;

	constructor(database: Database) {
		this.writes = database.writes();
		this.keyv = database.namespace<QueueState>('queues');
	}

	async get(session: string): Promise<QueueState> {
		return (await this.keyv.get(session)) ?? { paused: false };
	}

	save(session: string, state: QueueState): Promise<void> {
		const snapshot = structuredClone(state);
		return this.writes.run(session, () => this.keyv.set(session, snapshot));
	}

	remove(session: string): Promise<void> {
		return this.writes.run(session, () => this.keyv.delete(session));
	}

	flush(): Promise<void> {
		return this.writes.flush();
	}
}
