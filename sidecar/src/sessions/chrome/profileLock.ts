import fs from 'fs';
import os from 'os';
import path from 'path';
import { isPidAlive, killProcessGroup, profileDirOf, readCmdline } from './processes';

/**
 * Clears Chromium's "profile in use" lock before a session (re)starts its browser.
 *
 * While it runs, Chromium keeps three symlinks in the profile folder: SingletonLock -> <host>-<pid>,
 * SingletonCookie -> <number> and SingletonSocket -> /tmp/.../SingletonSocket. A SIGKILLed browser leaves
 * them behind as dangling links (fs.existsSync says false, so only lstat/readlink see them). Chromium
 * relaunches over a lock from its own host with a dead pid, but refuses (exit code 21) a lock naming another
 * host, which is what a profile on a kept volume looks like in a new container; and it cannot start while
 * a live browser still holds the profile.
 */

export const SINGLETON_FILES = ['SingletonLock', 'SingletonCookie', 'SingletonSocket'] as const;

export interface SingletonLock {
	host: string;
	pid: number;
}

export interface ProfileLockDeps {
	hostname?: string;
	isPidAlive?: (pid: number) => boolean;
	cmdlineOf?: (pid: number) => string[] | undefined;
	killGroup?: (pid: number) => Promise<boolean>;
}

export interface ProfileLockRelease {
	action: 'none' | 'removed-stale' | 'killed-owner';
	lock?: SingletonLock;
}

export class ProfileLockError extends Error {
	readonly code = 'PROFILE_LOCK_HELD';
	constructor(
		readonly profileDir: string,
		readonly lock: SingletonLock,
	) {
		super(`Chromium pid ${lock.pid} still holds the profile ${profileDir} and did not die when killed`);
	}
}

/** The host and pid SingletonLock names, or undefined when there is no lock or it is not `<host>-<pid>`. */
export function readSingletonLock(profileDir: string): SingletonLock | undefined {
	let target: string;
	try {
		target = fs.readlinkSync(path.join(profileDir, 'SingletonLock'));
	} catch {
		return undefined;
	}
	// Hostnames may contain dashes; the pid is what follows the last one.
	const dash = target.lastIndexOf('-');
	const pidText = target.slice(dash + 1);
	if (dash <= 0 || !/^\d+$/.test(pidText)) return undefined;
	return { host: target.slice(0, dash), pid: Number(pidText) };
}

/**
 * Makes the profile launchable: removes a lock left by a dead browser, by another host or by a pid now
 * reused by some other program; kills a browser of this host that still uses the profile (its whole process
 * group) and then removes the lock. Throws ProfileLockError when that browser does not die, since starting a
 * second Chromium on a profile in use would fail or corrupt it.
 */
export async function releaseStaleProfileLock(
	profileDir: string,
	deps: ProfileLockDeps = {},
): Promise<ProfileLockRelease> {
	const lock = readSingletonLock(profileDir);
	if (!lock) {
		if (!hasEntry(path.join(profileDir, 'SingletonLock'))) {
			// Chromium writes the lock first and treats cookie and socket as its companions: alone they are debris.
			removeDanglingCompanions(profileDir);
			return { action: 'none' };
		}
		// A lock that is not `<host>-<pid>` (a regular file from a copy that flattened symlinks, say) names no one.
		removeSingletonFiles(profileDir);
		return { action: 'removed-stale' };
	}

	const hostname = deps.hostname ?? os.hostname();
	const alive = deps.isPidAlive ?? isPidAlive;
	const cmdlineOf = deps.cmdlineOf ?? readCmdline;
	const killGroup = deps.killGroup ?? ((pid: number) => killProcessGroup(pid));

	if (lock.host !== hostname || !alive(lock.pid) || !usesProfile(cmdlineOf(lock.pid), profileDir)) {
		removeSingletonFiles(profileDir);
		return { action: 'removed-stale', lock };
	}

	if (!(await killGroup(lock.pid))) throw new ProfileLockError(profileDir, lock);
	removeSingletonFiles(profileDir);
	return { action: 'killed-owner', lock };
}

function usesProfile(cmdline: string[] | undefined, profileDir: string): boolean {
	return cmdline !== undefined && profileDirOf(cmdline) === path.resolve(profileDir);
}

function removeSingletonFiles(profileDir: string): void {
	for (const name of SINGLETON_FILES) unlinkIfPresent(path.join(profileDir, name));
}

function removeDanglingCompanions(profileDir: string): void {
	for (const name of ['SingletonCookie', 'SingletonSocket']) {
		const file = path.join(profileDir, name);
		if (hasEntry(file) && !fs.existsSync(file)) unlinkIfPresent(file);
	}
}

/** lstat, not exists: a dangling symlink is an entry even though its target is not. */
function hasEntry(file: string): boolean {
	try {
		fs.lstatSync(file);
		return true;
	} catch {
		return false;
	}
}

function unlinkIfPresent(file: string): void {
	try {
		fs.unlinkSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
}
