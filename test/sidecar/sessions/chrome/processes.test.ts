import { spawn, type ChildProcess } from 'child_process';
import { once } from 'events';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { killStandIns } from '../../../support/standIns';
import {
	findBrowsersUnder,
	findProcessesUsingProfile,
	isPidAlive,
	killProcessGroup,
	profileDirOf,
	readCmdline,
	sweepOrphanBrowsers,
} from '../../../../sidecar/src/sessions/chrome/processes';

// Stand-ins for Chromium: node processes whose command line carries --user-data-dir, as a browser's does.
const IDLE = 'setInterval(() => {}, 1000)';
// Starts a second stand-in with the same flag (in its own group when asked) and prints its pid.
const WITH_CHILD = `
const { spawn } = require('child_process');
const flag = process.argv.find((arg) => arg.startsWith('--user-data'));
const ownGroup = process.argv.includes('--own-group');
const options = { stdio: 'ignore', detached: ownGroup };
const child = spawn(process.execPath, ['-e', ${JSON.stringify(IDLE)}, '--', flag], options);
process.stdout.write('child ' + child.pid + '\\n');
${IDLE};
`;

jest.setTimeout(30_000);

let root: string;
const spawned: number[] = [];

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'chrome-processes-'));
});

afterEach(() => {
	killStandIns(spawned, 'chrome-processes-');
	fs.rmSync(root, { recursive: true, force: true });
});

function startBrowser(profileDir: string, options: { detached?: boolean; script?: string; args?: string[] } = {}) {
	const child = spawn(
		process.execPath,
		['-e', options.script ?? IDLE, '--', `--user-data-dir=${profileDir}`, ...(options.args ?? [])],
		{ stdio: ['ignore', 'pipe', 'inherit'], detached: options.detached ?? false },
	);
	if (child.pid === undefined) throw new Error('spawn failed');
	spawned.push(child.pid);
	return { child, pid: child.pid };
}

/** A detached stand-in with a child of its own; resolves once both run. */
async function startBrowserWithChild(profileDir: string, childInOwnGroup = false) {
	const browser = startBrowser(profileDir, {
		detached: true,
		script: WITH_CHILD,
		args: childInOwnGroup ? ['--own-group'] : [],
	});
	const childPid = await readChildPid(browser.child);
	spawned.push(childPid);
	return { pid: browser.pid, childPid };
}

async function readChildPid(child: ChildProcess): Promise<number> {
	let output = '';
	const stdout = child.stdout;
	if (!stdout) throw new Error('no stdout');
	for await (const chunk of stdout) {
		output += String(chunk);
		const match = /child (\d+)\n/.exec(output);
		if (match) return Number(match[1]);
	}
	throw new Error(`stand-in exited before reporting its child: ${output}`);
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function exitedPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
	await once(child, 'exit');
	return child.pid ?? -1;
}

function procState(pid: number): string | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	} catch {
		return undefined;
	}
}

describe('isPidAlive', () => {
	it('is true for this process and false for an exited one and for pids that cannot exist', async () => {
		expect(isPidAlive(process.pid)).toBe(true);
		expect(isPidAlive(await exitedPid())).toBe(false);
		for (const pid of [0, -1, 1.5, Number.MAX_SAFE_INTEGER]) expect(isPidAlive(pid)).toBe(false);
	});

	it('counts a zombie as dead although kill(pid, 0) still finds it', async () => {
		const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
		const exited = once(child, 'exit');
		const pid = child.pid ?? -1;
		// Node reaps children from its event loop, so while this loop blocks it the exited child stays a zombie.
		const deadline = Date.now() + 10_000;
		while (procState(pid) !== 'Z' && Date.now() < deadline);
		expect(procState(pid)).toBe('Z');
		expect(() => process.kill(pid, 0)).not.toThrow();
		expect(isPidAlive(pid)).toBe(false);
		await exited;
	});
});

describe('readCmdline and profileDirOf', () => {
	it('reads the arguments of a running process, and nothing for a gone one', async () => {
		const { pid } = startBrowser(path.join(root, 'a'));
		expect(readCmdline(pid)).toEqual([process.execPath, '-e', IDLE, '--', `--user-data-dir=${root}/a`]);
		expect(readCmdline(await exitedPid())).toBeUndefined();
	});

	it('finds the profile in separate arguments (last wins) and in the one-string title of Chromium children', () => {
		expect(profileDirOf(['chromium', '--user-data-dir=/a', '--user-data-dir=/data/b/'])).toBe('/data/b');
		const title = '/usr/lib/chromium/chromium --type=renderer --enable-crash-reporter=,built on Debian ';
		expect(profileDirOf([`${title}--user-data-dir=/data/my profile --lang=en-US`])).toBe('/data/my profile');
		expect(profileDirOf([`${title}--user-data-dir=/data/last`])).toBe('/data/last');
		expect(profileDirOf(['node', '-e', "x(' --user-data-dir=/nope')"])).toBeUndefined();
		expect(profileDirOf([])).toBeUndefined();
	});
});

describe('findProcessesUsingProfile and findBrowsersUnder', () => {
	it('match the resolved profile path exactly, not a sibling that shares its prefix', () => {
		const profile = path.join(root, 'session');
		const exact = startBrowser(profile);
		const spelledDifferently = startBrowser(`${profile}/sub/../`);
		const sibling = startBrowser(`${profile}-other`);
		const found = findProcessesUsingProfile(profile);
		expect(found).toEqual(expect.arrayContaining([exact.pid, spelledDifferently.pid]));
		expect(found).not.toContain(sibling.pid);
		expect(found).not.toContain(process.pid);
	});

	it('list the processes whose profile lies under a root, and none outside it', () => {
		const a = startBrowser(path.join(root, 'sessions', 'a'));
		const b = startBrowser(path.join(root, 'sessions', 'b', 'nested'));
		const outside = startBrowser(path.join(root, 'sessions-outside'));
		const found = findBrowsersUnder(path.join(root, 'sessions'));
		expect(found).toEqual(
			expect.arrayContaining([
				{ pid: a.pid, profileDir: path.join(root, 'sessions', 'a') },
				{ pid: b.pid, profileDir: path.join(root, 'sessions', 'b', 'nested') },
			]),
		);
		expect(found.map((entry) => entry.pid)).not.toContain(outside.pid);
	});
});

describe('killProcessGroup', () => {
	it('kills a detached browser and the children in its group', async () => {
		const browser = await startBrowserWithChild(path.join(root, 'a'));
		await expect(killProcessGroup(browser.pid)).resolves.toBe(true);
		expect(isPidAlive(browser.pid)).toBe(false);
		await waitUntil(() => !isPidAlive(browser.childPid));
	});

	it('kills a process that leads no group by itself', async () => {
		const { pid } = startBrowser(path.join(root, 'b'));
		await expect(killProcessGroup(pid, { timeoutMs: 10_000 })).resolves.toBe(true);
		expect(isPidAlive(pid)).toBe(false);
	});

	it('resolves true for a pid that is already gone, and refuses to kill this process', async () => {
		await expect(killProcessGroup(await exitedPid())).resolves.toBe(true);
		await expect(killProcessGroup(process.pid)).rejects.toThrow(RangeError);
		await expect(killProcessGroup(0)).rejects.toThrow(RangeError);
	});
});

describe('sweepOrphanBrowsers', () => {
	it('kills every browser under the root but the kept ones, including children outside the group', async () => {
		const sessions = path.join(root, 'sessions');
		const grouped = await startBrowserWithChild(path.join(sessions, 'a'));
		const escaped = await startBrowserWithChild(path.join(sessions, 'b'), true);
		const kept = startBrowser(path.join(sessions, 'kept'));
		const outside = startBrowser(path.join(root, 'elsewhere'));
		const log = jest.fn<void, [string, number, string]>();

		const killed = await sweepOrphanBrowsers(sessions, { keep: new Set([kept.pid]), log });

		const swept = [grouped.pid, grouped.childPid, escaped.pid, escaped.childPid];
		expect(killed).toEqual([...swept].sort((x, y) => x - y));
		for (const pid of swept) expect(isPidAlive(pid)).toBe(false);
		expect(isPidAlive(kept.pid)).toBe(true);
		expect(isPidAlive(outside.pid)).toBe(true);
		const logged = log.mock.calls.map(([, pid]) => pid);
		expect(logged).toEqual(expect.arrayContaining([grouped.pid, escaped.pid, escaped.childPid]));
		expect(log).toHaveBeenCalledWith(expect.stringMatching(/group/), grouped.pid, path.join(sessions, 'a'));
	});

	it('returns nothing when the root holds no browsers', async () => {
		await expect(sweepOrphanBrowsers(path.join(root, 'empty'))).resolves.toEqual([]);
	});
});
