import { spawn } from 'child_process';
import { once } from 'events';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { killStandIns } from '../../../support/standIns';
import { isPidAlive } from '../../../../sidecar/src/sessions/chrome/processes';
import {
	ProfileLockError,
	readSingletonLock,
	releaseStaleProfileLock,
	SINGLETON_FILES,
} from '../../../../sidecar/src/sessions/chrome/profileLock';

// Stand-ins for Chromium: node processes whose command line carries --user-data-dir, as a browser's does.
const IDLE = 'setInterval(() => {}, 1000)';
// Starts a second stand-in with the same flag in the same process group and prints its pid.
const WITH_CHILD = `
const { spawn } = require('child_process');
const flag = process.argv.find((arg) => arg.startsWith('--user-data'));
const child = spawn(process.execPath, ['-e', ${JSON.stringify(IDLE)}, '--', flag], { stdio: 'ignore' });
process.stdout.write('child ' + child.pid + '\\n');
${IDLE};
`;

jest.setTimeout(30_000);

let root: string;
let profile: string;
const spawned: number[] = [];

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'chrome-lock-'));
	profile = path.join(root, 'session-a');
	fs.mkdirSync(profile);
});

afterEach(() => {
	killStandIns(spawned, 'chrome-lock-');
	fs.rmSync(root, { recursive: true, force: true });
});

/** The three links a SIGKILLed Chromium leaves behind, all dangling. */
function leaveSingletons(lockTarget: string): void {
	fs.symlinkSync(lockTarget, path.join(profile, 'SingletonLock'));
	fs.symlinkSync('8259872966721306270', path.join(profile, 'SingletonCookie'));
	fs.symlinkSync('/tmp/org.chromium.Chromium.gone/SingletonSocket', path.join(profile, 'SingletonSocket'));
}

function remaining(): string[] {
	return SINGLETON_FILES.filter((name) => {
		try {
			fs.lstatSync(path.join(profile, name));
			return true;
		} catch {
			return false;
		}
	});
}

function startStandIn(profileDir: string, script = IDLE) {
	const child = spawn(process.execPath, ['-e', script, '--', `--user-data-dir=${profileDir}`], {
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true,
	});
	if (child.pid === undefined) throw new Error('spawn failed');
	spawned.push(child.pid);
	return child;
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('readSingletonLock', () => {
	it('splits host and pid at the last dash, reading a dangling link', () => {
		fs.symlinkSync('my-host-name-4242', path.join(profile, 'SingletonLock'));
		expect(fs.existsSync(path.join(profile, 'SingletonLock'))).toBe(false);
		expect(readSingletonLock(profile)).toEqual({ host: 'my-host-name', pid: 4242 });
	});

	it('is undefined without a lock or for one that names no pid', () => {
		expect(readSingletonLock(profile)).toBeUndefined();
		fs.symlinkSync('nohyphen', path.join(profile, 'SingletonLock'));
		expect(readSingletonLock(profile)).toBeUndefined();
	});
});

describe('releaseStaleProfileLock', () => {
	it("removes another host's lock (a kept volume in a new container)", async () => {
		leaveSingletons('otherhost-from-old-container-12345');
		await expect(releaseStaleProfileLock(profile)).resolves.toEqual({
			action: 'removed-stale',
			lock: { host: 'otherhost-from-old-container', pid: 12345 },
		});
		expect(remaining()).toEqual([]);
	});

	it('removes a lock of this host whose browser is dead', async () => {
		const exited = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
		await once(exited, 'exit');
		leaveSingletons(`${os.hostname()}-${exited.pid}`);
		await expect(releaseStaleProfileLock(profile)).resolves.toMatchObject({ action: 'removed-stale' });
		expect(remaining()).toEqual([]);
	});

	it('removes the lock without killing a live process that reused the pid for another profile', async () => {
		const stranger = startStandIn(path.join(root, 'session-b'));
		leaveSingletons(`${os.hostname()}-${stranger.pid}`);
		const killGroup = jest.fn(async () => true);
		await expect(releaseStaleProfileLock(profile, { killGroup })).resolves.toMatchObject({
			action: 'removed-stale',
		});
		expect(killGroup).not.toHaveBeenCalled();
		expect(isPidAlive(stranger.pid ?? -1)).toBe(true);
		expect(remaining()).toEqual([]);
	});

	it('kills the live browser of this host holding the profile, and its children, then removes the lock', async () => {
		const browser = startStandIn(profile, WITH_CHILD);
		const childPid = await new Promise<number>((resolve, reject) => {
			let output = '';
			browser.stdout?.on('data', (chunk) => {
				output += String(chunk);
				const match = /child (\d+)\n/.exec(output);
				if (match) resolve(Number(match[1]));
			});
			browser.once('exit', () => reject(new Error(`stand-in exited early: ${output}`)));
		});
		spawned.push(childPid);
		leaveSingletons(`${os.hostname()}-${browser.pid}`);

		const result = await releaseStaleProfileLock(profile);

		expect(result).toEqual({ action: 'killed-owner', lock: { host: os.hostname(), pid: browser.pid } });
		expect(isPidAlive(browser.pid ?? -1)).toBe(false);
		await waitUntil(() => !isPidAlive(childPid));
		expect(remaining()).toEqual([]);
	});

	it('does nothing without a lock, but clears dangling cookie and socket links', async () => {
		await expect(releaseStaleProfileLock(profile)).resolves.toEqual({ action: 'none' });
		fs.symlinkSync('8259872966721306270', path.join(profile, 'SingletonCookie'));
		fs.symlinkSync('/tmp/org.chromium.Chromium.gone/SingletonSocket', path.join(profile, 'SingletonSocket'));
		await expect(releaseStaleProfileLock(profile)).resolves.toEqual({ action: 'none' });
		expect(remaining()).toEqual([]);
	});

	it('removes a lock that names no host and pid, such as a copy that flattened the link into a file', async () => {
		fs.writeFileSync(path.join(profile, 'SingletonLock'), 'vm-1234');
		await expect(releaseStaleProfileLock(profile)).resolves.toEqual({ action: 'removed-stale' });
		expect(remaining()).toEqual([]);
	});

	it('keeps the lock and throws when the owner does not die', async () => {
		leaveSingletons('thishost-777');
		const attempt = releaseStaleProfileLock(profile, {
			hostname: 'thishost',
			isPidAlive: () => true,
			cmdlineOf: () => ['/usr/lib/chromium/chromium', `--user-data-dir=${profile}/`],
			killGroup: async () => false,
		});
		await expect(attempt).rejects.toThrow(ProfileLockError);
		expect(remaining()).toEqual([...SINGLETON_FILES]);
	});
});
