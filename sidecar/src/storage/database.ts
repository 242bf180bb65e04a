import fs from 'fs';
import path from 'path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';

/**
 * The sidecar's state: one SQLite file in the data folder, reached through keyv,
 * with one namespace per concern (sessions now; queues and subscriptions later).
 */
export interface Database {
	file: string;
	namespace<T>(name: string): Keyv<T>;
	close(): Promise<void>;
}

export function openDatabase(dataDir: string): Database {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, 'sidecar.sqlite');
	const opened: Array<Keyv<unknown>> = [];
	const store = new KeyvSqlite(`sqlite://${file}`);
	return {
		file,
		namespace<T>(name: string) {
			const keyv = new Keyv<T>({ store, namespace: name });
			opened.push(keyv as Keyv<unknown>);
			return keyv;
		},
		async close() {
			await store.disconnect();
		},
	};
}
