import fs from 'fs';
import os from 'os';
import path from 'path';
import { createLogger } from '../../../sidecar/src/logger';
import { BatchedSets } from '../../../sidecar/src/storage/BatchedSets';
import { openDatabase, type Database } from '../../../sidecar/src/storage/database';
import { KeyedWrites } from '../../../sidecar/src/storage/KeyedWrites';

/**
 * New entries written together (a campaign's jobs and contacts) go to SQLite in one statement
 * (database.ts's setMany): a real database file, read back after reopening it.
 */
describe('BatchedSets over SQLite', () => {
	let dir: string;
	let database: Database | undefined;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-batch-'));
	});
	afterEach(async () => {
		await database?.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const open = async () => (database = await openDatabase(dir, { logger: createLogger('silent') }));

	it('every entry set in one moment is on disk when its promise resolves; a key set twice keeps the later value', async () => {
		const db = await open();
		const writes = db.writes();
		const sets = new BatchedSets(db.namespace<{ n: number }>('things'), writes);
		const written = Array.from({ length: 1_200 }, (_, n) => sets.set(`k${n}`, { n }));
		const twice = [sets.set('same', { n: 1 }), sets.set('same', { n: 2 })];
		await Promise.all([...written, ...twice]);
		await db.close();

		const reopened = await open();
		const things = reopened.namespace<{ n: number }>('things');
		const keys: string[] = [];
		for await (const [key] of things.iterator!(undefined)) keys.push(String(key));
		expect(keys).toHaveLength(1_201);
		expect(await things.get('k1199')).toEqual({ n: 1199 });
		expect(await things.get('same')).toEqual({ n: 2 });
	});

	it('a batch that cannot be written rejects every promise in it, with the write error', async () => {
		const db = await open();
		const failing = new KeyedWrites(() => Promise.reject(new Error('disk full')));
		const sets = new BatchedSets(db.namespace<number>('things'), failing);
		const results = await Promise.allSettled([sets.set('a', 1), sets.set('b', 2)]);
		expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual(['disk full', 'disk full']);
		expect(await db.namespace<number>('things').get('a')).toBeUndefined();
	});
});
