import fs from 'fs';
import path from 'path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';

/**
 * The sidecar's state: one SQLite file in the data folder, reached through keyv,
 * with one namespace per concern (sessions, jobs, queues, …).
 *
 * Each namespace gets its own keyv store (connection): keyv adapters keep one
 * current namespace per store, so Keyv instances sharing a store would iterate
 * each other's keys. WAL lets those connections read while one writes, and the
 * busy timeout makes a writer wait for another instead of failing.
 */
export interface Database {
	file: string;
	namespace<T>(name: string): Keyv<T>;
	close(): Promise<void>;
}

const BUSY_TIMEOUT_MS = 10_000;
/** Rows per page when a namespace is read at boot (the adapter's default is 10). */
const ITERATION_PAGE = 1_000;

export function openDatabase(dataDir: string): Database {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, 'sidecar.sqlite');
	const stores: KeyvSqlite[] = [];
	let walSet: Promise<unknown> | undefined;
	return {
		file,
		namespace<T>(name: string) {
			const store = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS, iterationLimit: ITERATION_PAGE });
			// journal_mode is a property of the file: set once, it holds for every connection.
			walSet ??= store.query('PRAGMA journal_mode=WAL');
			stores.push(store);
			return new Keyv<T>({ store, namespace: name });
		},
		async close() {
			await walSet?.catch(() => undefined);
			await Promise.all(stores.map((store) => store.disconnect()));
		},
	};
}
