import fs from 'fs';
import path from 'path';

/**
 * Keeps LocalAuth profile folders from growing without bound.
 *
 * A WhatsApp Web session fills the HTTP, code, shader and service-worker caches of its profile with
 * hundreds of megabytes over weeks. Chromium rebuilds all of them on demand, so they may be deleted while
 * the browser is stopped. The login itself lives elsewhere (IndexedDB, Local Storage, Cookies) and must
 * never be touched: losing it means scanning the QR code again.
 */
export const PROFILE_CACHE_DIRS: readonly string[] = [
	'Default/Cache',
	'Default/Code Cache',
	'Default/GPUCache',
	'Default/Service Worker/CacheStorage',
	'Default/Service Worker/ScriptCache',
	'GrShaderCache',
	'ShaderCache',
	'GraphiteDawnCache',
	'Default/DawnGraphiteCache',
	'Default/DawnWebGPUCache',
	// Written by newer Chromium (seen with 156) next to the older shader caches.
	'GPUPersistentCache',
];

/** Bytes in the regular files below dir. Symlinks are not followed; a missing dir or a vanished file counts 0. */
export async function directorySize(dir: string): Promise<number> {
	let stats: fs.Stats;
	try {
		stats = await fs.promises.lstat(dir);
	} catch {
		return 0;
	}
	if (stats.isFile()) return stats.size;
	if (!stats.isDirectory()) return 0;

	let names: string[];
	try {
		names = await fs.promises.readdir(dir);
	} catch {
		return 0;
	}
	const sizes = await Promise.all(names.map((name) => directorySize(path.join(dir, name))));
	return sizes.reduce((total, size) => total + size, 0);
}

/**
 * Deletes the cache folders of a profile whose browser is stopped and returns the bytes freed. A folder
 * that could not be removed completely counts only for what did go, and its error is thrown after the
 * other folders were pruned.
 */
export async function pruneProfileCaches(profileDir: string): Promise<{ removedBytes: number }> {
	let removedBytes = 0;
	let firstError: unknown;
	for (const relative of PROFILE_CACHE_DIRS) {
		const dir = path.join(profileDir, ...relative.split('/'));
		const before = await directorySize(dir);
		try {
			// maxRetries: Chromium's last writes can still be settling (EBUSY, ENOTEMPTY) just after it exits.
			await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
			removedBytes += before;
		} catch (error) {
			firstError ??= error;
			removedBytes += Math.max(0, before - (await directorySize(dir)));
		}
	}
	if (firstError !== undefined) throw firstError;
	return { removedBytes };
}
