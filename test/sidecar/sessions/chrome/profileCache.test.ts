import fs from 'fs';
import os from 'os';
import path from 'path';
import {
	directorySize,
	PROFILE_CACHE_DIRS,
	pruneProfileCaches,
} from '../../../../sidecar/src/sessions/chrome/profileCache';

let root: string;

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'chrome-cache-'));
});

afterEach(() => {
	fs.rmSync(root, { recursive: true, force: true });
});

function writeFile(file: string, bytes: number): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, Buffer.alloc(bytes, 1));
}

function exists(file: string): boolean {
	try {
		fs.lstatSync(file);
		return true;
	} catch {
		return false;
	}
}

describe('directorySize', () => {
	it('adds up the regular files at every depth', async () => {
		writeFile(path.join(root, 'a.bin'), 100);
		writeFile(path.join(root, 'x', 'b.bin'), 2_000);
		writeFile(path.join(root, 'x', 'y', 'z', 'c.bin'), 30_000);
		fs.mkdirSync(path.join(root, 'empty'));
		expect(await directorySize(root)).toBe(32_100);
		expect(await directorySize(path.join(root, 'x'))).toBe(32_000);
	});

	it('does not follow symlinks, to files or to folders', async () => {
		writeFile(path.join(root, 'outside', 'big.bin'), 50_000);
		writeFile(path.join(root, 'dir', 'small.bin'), 10);
		fs.symlinkSync(path.join(root, 'outside', 'big.bin'), path.join(root, 'dir', 'link-to-file'));
		fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'dir', 'link-to-dir'));
		fs.symlinkSync('/nonexistent/target', path.join(root, 'dir', 'dangling'));
		expect(await directorySize(path.join(root, 'dir'))).toBe(10);
	});

	it('is 0 for a folder that does not exist', async () => {
		expect(await directorySize(path.join(root, 'missing'))).toBe(0);
	});
});

describe('pruneProfileCaches', () => {
	it('deletes the caches, keeps the login data and reports the bytes freed', async () => {
		const profile = path.join(root, 'session-a');
		let cacheBytes = 0;
		PROFILE_CACHE_DIRS.forEach((relative, index) => {
			const size = 1_000 * (index + 1);
			writeFile(path.join(profile, relative, 'sub', 'entry'), size);
			cacheBytes += size;
		});
		const login = [
			'Default/IndexedDB/https_web.whatsapp.com_0.indexeddb.leveldb/000003.log',
			'Default/Local Storage/leveldb/000003.log',
			'Default/Cookies',
			'Default/Service Worker/Database/000001.log',
			'Local State',
		];
		for (const file of login) writeFile(path.join(profile, file), 4_096);

		await expect(pruneProfileCaches(profile)).resolves.toEqual({ removedBytes: cacheBytes });

		for (const relative of PROFILE_CACHE_DIRS) expect(exists(path.join(profile, relative))).toBe(false);
		for (const file of login) expect(fs.statSync(path.join(profile, file)).size).toBe(4_096);
		expect(await directorySize(profile)).toBe(login.length * 4_096);
	});

	it('frees nothing, and does not fail, when the caches are already gone', async () => {
		fs.mkdirSync(path.join(root, 'fresh'));
		await expect(pruneProfileCaches(path.join(root, 'fresh'))).resolves.toEqual({ removedBytes: 0 });
		await expect(pruneProfileCaches(path.join(root, 'missing'))).resolves.toEqual({ removedBytes: 0 });
	});

	it('never lists the folders that hold the WhatsApp login', () => {
		for (const relative of PROFILE_CACHE_DIRS) {
			expect(relative).not.toMatch(/IndexedDB|Local Storage|Cookies|Session Storage|Service Worker\/Database/);
		}
	});
});
