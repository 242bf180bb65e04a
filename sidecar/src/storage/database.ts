import path from 'path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { Logger } from '../logger';
import { ensureWritableDataDir } from './dataDir';
import { checkNotLost, checkOpens, checkWritable } from './startupChecks';
import { StorageHealth, type StorageStatus } from './StorageHealth';
import { KeyedWrites } from './KeyedWrites';

/**
 * The sidecar's state: one SQLite file in the data folder, reached through keyv,
 * with one namespace per concern (sessions, jobs, queues, …).
 *
 * Each namespace gets its own keyv store (connection): keyv adapters keep one
 * current namespace per store, so Keyv instances sharing a store would iterate
 * each other's keys. WAL lets those connections read while one writes, and the
 * busy timeout makes a writer wait for another instead of failing.
 *
 * keyv swallows errors unless told otherwise: every namespace throws them
 * (`throwOnErrors`), and every write goes through `writes()`, whose failures
 * become STORAGE_UNAVAILABLE and show on /health.
 */
export interface Database {
	file: string;
	namespace<T>(name: string): Keyv<T>;
	/** Ordered writes for one store; their failures mark the database not writable. */
	writes(): KeyedWrites;
	/** Whether the database takes writes; `probe` tries one when the last word is older than a few seconds. */
	status(options?: { probe?: boolean }): Promise<StorageStatus>;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	logger: Logger;
	/** Start on an empty database although session logins say one with data was expected (SIDECAR_START_FRESH). */
	startFresh?: boolean;
	/** Where session logins live, to tell a lost database from a first start. */
	profilesDir?: string;
}

/**
 * keyv's SQLite store, with the setMany it lacks: many rows in ONE statement, so one transaction
 * and one flush to disk instead of one per row (each costs milliseconds on a real disk; a
 * 10,000-message campaign is 20,000 rows). keyv's own setMany prefixes and serializes the rows
 * exactly as its set does, then hands them here.
 */
class SqliteStore extends KeyvSqlite {
	async setMany(entries: Array<{ key: string; value: unknown }>): Promise<boolean[]> {
		if (!entries.length) return [];
		const table = this.opts.table ?? 'keyv';
		const rows = entries.map(() => '(?, ?)').join(', ');
		const upsert = `INSERT INTO ${table} (key, value) VALUES ${rows} ON CONFLICT(key) DO UPDATE SET value=excluded.value`;
		await this.query(upsert, ...entries.flatMap((entry) => [entry.key, entry.value]));
		return entries.map(() => true);
	}
}

const BUSY_TIMEOUT_MS = 10_000;
/** Rows per page when a namespace is read at boot (the adapter's default is 10). */
const ITERATION_PAGE = 1_000;
/** /health writes at most this often, so it cannot be used to hammer the disk. */
const PROBE_EVERY_MS = 5_000;

export async function openDatabase(dataDir: string, options: DatabaseOptions): Promise<Database> {
	ensureWritableDataDir(dataDir);
	const file = path.join(dataDir, 'sidecar.sqlite');
	checkNotLost(file, options.profilesDir ?? path.join(dataDir, 'sessions'), options.startFresh ?? false);
	const health = new StorageHealth(file, options.logger);
	const stores: SqliteStore[] = [];
	const namespace = <T>(name: string): Keyv<T> => {
		const store = new SqliteStore({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS, iterationLimit: ITERATION_PAGE });
		stores.push(store);
		const keyv = new Keyv<T>({ store, namespace: name, throwOnErrors: true });
		// The error is thrown to the caller as well; without a listener keyv's emit would throw a second time.
		keyv.on('error', () => undefined);
		return keyv;
	};
	const probes = namespace<number>('health');
	const close = () => Promise.all(stores.map((store) => store.disconnect().catch(() => undefined))).then(() => undefined);
	try {
		// journal_mode is a property of the file: set once, it holds for every connection.
		await checkOpens(file, () => stores[0].query('PRAGMA journal_mode=WAL').then(() => stores[0].query('PRAGMA quick_check')));
		await checkWritable(file, () => probes.set('probe', Date.now()));
	} catch (error) {
		await close();
		throw error;
	}
	let lastProbe = Date.now();
	return {
		file,
		namespace,
		writes: () => new KeyedWrites((write) => health.guard(write)),
		async status({ probe = false } = {}) {
			if (probe && Date.now() - lastProbe >= PROBE_EVERY_MS) {
				lastProbe = Date.now();
				await health.guard(() => probes.set('probe', lastProbe)).catch(() => undefined);
			}
			return health.status();
		},
		close,
	};
}
