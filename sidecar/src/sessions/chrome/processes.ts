import fs from 'fs';
import path from 'path';

/**
 * Finding and killing Chromium processes by their profile folder, through /proc.
 *
 * whatsapp-web.js gives every session its own profile (`--user-data-dir`), so the
 * profile path is how a browser is recognised after the sidecar lost track of it:
 * a crash of the sidecar, a SIGKILL, a restart inside the same container. Every
 * read tolerates the process vanishing between listing /proc and reading it.
 */

const PROC = '/proc';
const PROFILE_FLAG = '--user-data-dir=';
const POLL_MS = 50;

export interface BrowserProcess {
	pid: number;
	profileDir: string;
}

interface ProcStat {
	state: string;
	ppid: number;
	pgrp: number;
}

/** False for processes that do not exist and for zombies, which `kill(pid, 0)` still reports as present. */
export function isPidAlive(pid: number): boolean {
	if (!isValidPid(pid)) return false;
	const stat = readStat(pid);
	if (stat) return stat.state !== 'Z' && stat.state !== 'X' && stat.state !== 'x';
	if (hasProc()) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The arguments of a process, or undefined when it is gone or unreadable. */
export function readCmdline(pid: number): string[] | undefined {
	if (!isValidPid(pid)) return undefined;
	try {
		const raw = fs.readFileSync(path.join(PROC, String(pid), 'cmdline'), 'utf8');
		const args = raw.split('\0');
		if (args.length > 0 && args[args.length - 1] === '') args.pop();
		return args;
	} catch {
		return undefined;
	}
}

/**
 * The profile folder named by `--user-data-dir=` (resolved), if any; the last one wins, as in Chromium.
 *
 * Chromium's child processes rewrite their title, which turns /proc/<pid>/cmdline into ONE string with
 * the arguments joined by spaces (measured with Chromium 156: `chromium --type=zygote ... --user-data-dir=/x
 * --change-stack-guard-on-fork=enable ...`). There the value runs up to the next ` --`.
 */
export function profileDirOf(cmdline: readonly string[]): string | undefined {
	let found: string | undefined;
	for (const arg of cmdline) {
		if (arg.startsWith(PROFILE_FLAG)) found = arg.slice(PROFILE_FLAG.length);
	}
	if (found === undefined && cmdline.length === 1) {
		const title = cmdline[0];
		const at = title.lastIndexOf(` ${PROFILE_FLAG}`);
		if (at >= 0) {
			const value = title.slice(at + 1 + PROFILE_FLAG.length);
			const end = value.indexOf(' --');
			found = end >= 0 ? value.slice(0, end) : value;
		}
	}
	return found ? path.resolve(found) : undefined;
}

/** Pids (never this process) whose command line names exactly this profile folder. */
export function findProcessesUsingProfile(profileDir: string): number[] {
	const wanted = path.resolve(profileDir);
	return listBrowserProcesses()
		.filter((entry) => entry.profileDir === wanted)
		.map((entry) => entry.pid);
}

/** Every process whose profile folder is rootDir or lies inside it: the orphans a boot-time sweep looks for. */
export function findBrowsersUnder(rootDir: string): BrowserProcess[] {
	const root = path.resolve(rootDir);
	return listBrowserProcesses().filter((entry) => isInside(root, entry.profileDir));
}

/**
 * SIGKILLs the process group led by pid (puppeteer spawns Chromium detached, so the browser leads a group
 * holding its renderers, gpu and utility processes), or the single pid when it leads no group. Resolves
 * true once pid is gone (a zombie counts as gone), false when it is still there after timeoutMs.
 */
export async function killProcessGroup(pid: number, options: { timeoutMs?: number } = {}): Promise<boolean> {
	// kill(-0) or kill(-1) would signal our own group or every process we may signal: never do that.
	if (!isValidPid(pid) || pid === 1 || pid === process.pid) {
		throw new RangeError(`Refusing to kill pid ${pid}`);
	}
	// Our own group would take the sidecar down with the browser; such a process is killed alone.
	const ownGroup = readStat(process.pid)?.pgrp;
	if (pid === ownGroup || !trySignal(-pid)) trySignal(pid);
	return waitUntilDead(pid, options.timeoutMs ?? 5000);
}

export interface SweepOptions {
	/** Browsers that belong to live sessions; they and their children are left alone. */
	keep?: Set<number>;
	log?: (msg: string, pid: number, profileDir: string) => void;
	timeoutMs?: number;
}

/**
 * Kills every browser whose profile lies under rootDir and is not kept: one group kill per browser (a
 * process whose parent is also on the list dies with that parent's group), then single kills for whatever
 * survived, such as a child that had left the group. Returns the swept pids that are gone, ascending.
 */
export async function sweepOrphanBrowsers(rootDir: string, options: SweepOptions = {}): Promise<number[]> {
	const keep = options.keep ?? new Set<number>();
	const timeoutMs = options.timeoutMs ?? 5000;
	const found = findBrowsersUnder(rootDir);
	const keptProfiles = new Set(found.filter((entry) => keep.has(entry.pid)).map((entry) => entry.profileDir));
	const swept = found
		// Pid 1 is the container itself: killing it is never a cleanup.
		.filter((entry) => entry.pid > 1 && !keep.has(entry.pid) && !keptProfiles.has(entry.profileDir))
		.filter((entry) => !hasAncestorIn(entry.pid, keep))
		.map((entry) => ({ ...entry, stat: readStat(entry.pid) }));
	const sweptPids = new Set(swept.map((entry) => entry.pid));
	const leaders = swept.filter((entry) => !sweptPids.has(entry.stat?.ppid ?? 0));

	await Promise.all(
		leaders.map((entry) => {
			options.log?.('killing orphan Chromium and its process group', entry.pid, entry.profileDir);
			return killIfAlive(entry.pid, timeoutMs);
		}),
	);
	// Members of a killed group received SIGKILL with it but may need a moment to go; give them that first.
	const killedGroups = new Set(leaders.filter((entry) => entry.stat?.pgrp === entry.pid).map((entry) => entry.pid));
	const members = swept.filter((entry) => killedGroups.has(entry.stat?.pgrp ?? 0));
	await Promise.all(members.map((entry) => waitUntilDead(entry.pid, Math.min(timeoutMs, 1000))));
	await Promise.all(
		swept
			.filter((entry) => isPidAlive(entry.pid))
			.map((entry) => {
				options.log?.('killing orphan Chromium process outside its group', entry.pid, entry.profileDir);
				trySignal(entry.pid);
				return waitUntilDead(entry.pid, timeoutMs);
			}),
	);
	return swept
		.map((entry) => entry.pid)
		.filter((pid) => !isPidAlive(pid))
		.sort((a, b) => a - b);
}

async function killIfAlive(pid: number, timeoutMs: number): Promise<boolean> {
	// It may have died since the scan; its pid could then lead nothing or, much later, be reused.
	return isPidAlive(pid) ? killProcessGroup(pid, { timeoutMs }) : true;
}

function listBrowserProcesses(): BrowserProcess[] {
	const result: BrowserProcess[] = [];
	for (const pid of listPids()) {
		if (pid === process.pid) continue;
		const cmdline = readCmdline(pid);
		const profileDir = cmdline && profileDirOf(cmdline);
		if (profileDir) result.push({ pid, profileDir });
	}
	return result;
}

function listPids(): number[] {
	try {
		return fs
			.readdirSync(PROC)
			.filter((name) => /^\d+$/.test(name))
			.map(Number);
	} catch {
		return [];
	}
}

function readStat(pid: number): ProcStat | undefined {
	try {
		const raw = fs.readFileSync(path.join(PROC, String(pid), 'stat'), 'utf8');
		// The command name in parentheses may itself contain spaces and parentheses: parse after the last ')'.
		const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]) };
	} catch {
		return undefined;
	}
}

function hasAncestorIn(pid: number, pids: Set<number>): boolean {
	if (pids.size === 0) return false;
	let current = readStat(pid)?.ppid;
	for (let depth = 0; current && current > 1 && depth < 64; depth++) {
		if (pids.has(current)) return true;
		current = readStat(current)?.ppid;
	}
	return false;
}

function isInside(root: string, dir: string): boolean {
	const relative = path.relative(root, dir);
	return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** True when the signal was delivered; ESRCH (gone) and EPERM (not ours) both count as not delivered. */
function trySignal(target: number): boolean {
	try {
		process.kill(target, 'SIGKILL');
		return true;
	} catch {
		return false;
	}
}

async function waitUntilDead(pid: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (isPidAlive(pid)) {
		if (Date.now() >= deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
	return true;
}

function isValidPid(pid: number): boolean {
	return Number.isSafeInteger(pid) && pid > 0;
}

let procAvailable: boolean | undefined;
function hasProc(): boolean {
	procAvailable ??= fs.existsSync(path.join(PROC, 'self', 'stat'));
	return procAvailable;
}
