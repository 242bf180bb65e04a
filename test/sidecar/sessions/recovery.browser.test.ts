import fs from 'fs';
import path from 'path';
import { isPidAlive } from '../../../sidecar/src/sessions/chrome/processes';
import { browsersOf, scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';

/** The process group a process belongs to (field 5 of /proc/<pid>/stat). */
function processGroupOf(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

describe('sessions heal themselves', () => {
	const h = useSidecarHarness();

	it('Chromium killed with SIGKILL while READY → RECONNECTING → READY again by itself, no orphans', async () => {
		const t = await h.sidecar({ env: { SIDECAR_BACKOFF_BASE_MS: '200' } });
		await t.api('POST', '/api/sessions', { id: 'crash' });
		await scanSession(t, h.fake, 'crash');
		const ready = await waitForSession(t, 'crash', status('READY'));
		const firstPid = ready.browserPid;

		process.kill(firstPid, 'SIGKILL');
		const healed = await waitForSession(
			t,
			'crash',
			(s) => s.status === 'READY' && s.history.some((c: { to: string }) => c.to === 'RECONNECTING'),
			60_000,
			'READY in a new browser',
		);
		const transitions = healed.history.map((c: { to: string; reason: string }) => `${c.to}:${c.reason}`);
		expect(transitions.slice(-4)).toEqual(['RECONNECTING:BROWSER_CRASHED', 'STARTING:RETRY', 'AUTHENTICATED:LOGIN_ACCEPTED', 'READY:CONNECTED']);
		expect(healed.restarts.byReason).toEqual({ BROWSER_CRASHED: 1 });
		expect(isPidAlive(firstPid)).toBe(false);
		// Only the new browser's processes run on this profile: every one is in its process group.
		const tree = browsersOf(t);
		expect(tree).toContain(healed.browserPid);
		expect(new Set(tree.map(processGroupOf))).toEqual(new Set([healed.browserPid]));
	});

	it("a stopped session whose profile holds another host's SingletonLock starts", async () => {
		const t = await h.sidecar();
		await t.api('POST', '/api/sessions', { id: 'moved' });
		const phone = await scanSession(t, h.fake, 'moved');
		await waitForSession(t, 'moved', status('READY'));
		await t.api('POST', '/api/sessions/moved/stop');

		// As left by a container that ran on a kept volume under another hostname.
		const profile = t.sidecar.sessions.profileDir('moved');
		expect(fs.readdirSync(profile).filter((f) => f.startsWith('Singleton'))).toEqual([]); // a clean stop leaves none
		fs.symlinkSync('old-container-4f2a-12345', path.join(profile, 'SingletonLock'));
		fs.symlinkSync('/tmp/org.chromium.Chromium.gone/SingletonSocket', path.join(profile, 'SingletonSocket'));
		fs.symlinkSync('1234567890', path.join(profile, 'SingletonCookie'));

		await t.api('POST', '/api/sessions/moved/start');
		const ready = await waitForSession(t, 'moved', status('READY'));
		expect(ready.account.wid).toBe(phone.wid);
		expect(fs.readlinkSync(path.join(profile, 'SingletonLock'))).toMatch(new RegExp(`-${ready.browserPid}$`));
	});

	it('a hung browser: the watchdog notices, destroy() is cut off by its timeout, and the browser is killed', async () => {
		const t = await h.sidecar({
			env: {
				SIDECAR_WATCHDOG_INTERVAL_MS: '1000',
				SIDECAR_WATCHDOG_TIMEOUT_MS: '1500',
				SIDECAR_DESTROY_TIMEOUT_MS: '1500',
				SIDECAR_BACKOFF_BASE_MS: '200',
			},
		});
		await t.api('POST', '/api/sessions', { id: 'zombie' });
		await scanSession(t, h.fake, 'zombie');
		const ready = await waitForSession(t, 'zombie', status('READY'));

		// A stopped process answers nothing: not the watchdog's probe, not destroy()'s Browser.close.
		process.kill(ready.browserPid, 'SIGSTOP');
		const healed = await waitForSession(
			t,
			'zombie',
			(s) => s.status === 'READY' && s.history.some((c: { to: string }) => c.to === 'RECONNECTING'),
			60_000,
			'READY in a new browser',
		);
		expect(healed.history.some((c: { to: string; reason: string }) => c.to === 'RECONNECTING' && c.reason === 'WATCHDOG_TIMEOUT')).toBe(true);
		expect(isPidAlive(ready.browserPid)).toBe(false);
		expect(t.logs.some((line) => line.includes('destroy() did not finish in time'))).toBe(true);
	});

	it('a page that stops answering is restarted by the watchdog', async () => {
		const t = await h.sidecar({
			env: { SIDECAR_WATCHDOG_INTERVAL_MS: '1000', SIDECAR_WATCHDOG_TIMEOUT_MS: '1500', SIDECAR_DESTROY_TIMEOUT_MS: '3000' },
		});
		await t.api('POST', '/api/sessions', { id: 'hung-page' });
		const phone = await scanSession(t, h.fake, 'hung-page');
		const ready = await waitForSession(t, 'hung-page', status('READY'));
		await phone.hang();
		const healed = await waitForSession(
			t,
			'hung-page',
			(s) => s.status === 'READY' && s.history.some((c: { to: string }) => c.to === 'RECONNECTING'),
		);
		expect(healed.browserPid).not.toBe(ready.browserPid);
		expect(healed.restarts.byReason).toEqual({ WATCHDOG_TIMEOUT: 1 });
	});
});
