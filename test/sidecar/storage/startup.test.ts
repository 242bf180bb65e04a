import fs from 'fs';
import os from 'os';
import path from 'path';
import { loadConfig } from '../../../sidecar/src/config';
import { createLogger } from '../../../sidecar/src/logger';
import { startSidecar } from '../../../sidecar/src/sidecar';
import { makeReadOnly } from '../../support/brokenDisk';
import { scriptedEngines } from '../../support/scriptedEngine';
import { spawnSidecar } from '../../support/sidecarProcess';

const KEY = 'startup-test-key-0123456789';

/**
 * A data folder the sidecar cannot use must stop the start with a sentence that
 * names the file, says what is wrong and what to do; and a database that lost
 * its data must not start empty without a word.
 */
describe('starting on a broken data folder', () => {
	const dirs: string[] = [];
	const undo: Array<() => void> = [];
	const dataDir = () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-start-'));
		dirs.push(dir);
		return dir;
	};
	const start = (dir: string, env: Record<string, string> = {}) =>
		startSidecar(loadConfig({ SIDECAR_PORT: '0', SIDECAR_DATA_DIR: dir, SIDECAR_API_KEY: KEY, ...env }), createLogger('silent'), {
			engineFactory: scriptedEngines().factory,
		});
	/** A data folder that has been used: a session (with its login folder) and a webhook. */
	const usedDataDir = async () => {
		const dir = dataDir();
		const sidecar = await start(dir);
		await sidecar.sessions.create('clinic', {});
		fs.mkdirSync(path.join(dir, 'sessions', 'session-clinic', 'Default'), { recursive: true });
		await sidecar.stop();
		return dir;
	};

	afterEach(() => {
		while (undo.length) undo.pop()!();
	});
	afterAll(() => {
		for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('a data folder that cannot be written: names the folder and what to do', async () => {
		const dir = dataDir();
		undo.push(makeReadOnly(dir));
		await expect(start(dir)).rejects.toMatchObject({
			code: 'DATA_DIR_NOT_WRITABLE',
			message: expect.stringMatching(new RegExp(`cannot write to its data folder ${dir} .*SIDECAR_DATA_DIR`)),
		});
	});

	it('a damaged database: names the file, and says restore or move aside', async () => {
		const dir = await usedDataDir();
		const file = path.join(dir, 'sidecar.sqlite');
		const bytes = fs.readFileSync(file);
		bytes.fill(0x5a, 0, 100); // the header: SQLite no longer recognises the file
		fs.writeFileSync(file, bytes);
		await expect(start(dir)).rejects.toMatchObject({
			code: 'DATABASE_CORRUPT',
			message: expect.stringMatching(new RegExp(`The database ${file} is damaged .*restore the file from a backup`)),
		});
	});

	it('a database that cannot be written: names the file', async () => {
		const dir = await usedDataDir();
		const file = path.join(dir, 'sidecar.sqlite');
		undo.push(makeReadOnly(file));
		await expect(start(dir)).rejects.toMatchObject({
			code: 'DATABASE_NOT_WRITABLE',
			message: expect.stringContaining(`cannot write its database ${file}`),
		});
	});

	it('an emptied database beside session logins refuses to start, unless told to start fresh', async () => {
		const dir = await usedDataDir();
		const file = path.join(dir, 'sidecar.sqlite');
		fs.truncateSync(file, 0);
		for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
		await expect(start(dir)).rejects.toMatchObject({
			code: 'DATABASE_LOST',
			message: expect.stringMatching(/is empty \(0 bytes\).*logins of 1 session\(s\) \(clinic\).*SIDECAR_START_FRESH=true/),
		});
		const fresh = await start(dir, { SIDECAR_START_FRESH: 'true' });
		try {
			expect(fresh.sessions.list()).toEqual([]);
		} finally {
			await fresh.stop();
		}
	});

	it('a first start (no database, no logins) starts as before', async () => {
		const sidecar = await start(dataDir());
		await sidecar.stop();
	});

	it('the command prints the sentence alone and exits 1 (no stack, no "unhandled rejection")', async () => {
		const dir = await usedDataDir();
		fs.truncateSync(path.join(dir, 'sidecar.sqlite'), 0);
		const failed = spawnSidecar([], { SIDECAR_PORT: '0', SIDECAR_DATA_DIR: dir, SIDECAR_API_KEY: KEY });
		const error: Error = await failed.then(
			() => new Error('the sidecar started'),
			(e: Error) => e,
		);
		expect(error.message).toMatch(/exited \(1\) before listening/);
		expect(error.message).toContain(`The database ${path.join(dir, 'sidecar.sqlite')} is empty`);
		expect(error.message).not.toMatch(/unhandled|\n\s+at /);
	});
});
