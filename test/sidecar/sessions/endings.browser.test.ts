import fs from 'fs';
import { browsersOf, scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';

describe('sessions that must not restart by themselves', () => {
	const h = useSidecarHarness();

	it('a logout on the phone → LOGGED_OUT: login wiped, browser gone, nothing scheduled', async () => {
		const t = await h.sidecar({ env: { SIDECAR_BACKOFF_BASE_MS: '100' } });
		await t.api('POST', '/api/sessions', { id: 'unlinked' });
		const phone = await scanSession(t, h.fake, 'unlinked');
		await waitForSession(t, 'unlinked', status('READY'));

		await phone.phoneLogout();
		const out = await waitForSession(t, 'unlinked', status('LOGGED_OUT'));
		expect(out).toMatchObject({ reason: 'LOGOUT', desired: 'stopped', nextAttemptAt: null, account: null, browserPid: null });
		expect(fs.existsSync(t.sidecar.sessions.profileDir('unlinked'))).toBe(false);
		expect(browsersOf(t)).toEqual([]);
		expect(out.restarts.total).toBe(0);

		// A new QR only when asked.
		expect((await t.api('GET', '/api/sessions/unlinked/qr')).body.error.code).toBe('QR_NOT_AVAILABLE');
		await t.api('POST', '/api/sessions/unlinked/start');
		await scanSession(t, h.fake, 'unlinked', phone.number);
		await waitForSession(t, 'unlinked', status('READY'));
	});

	it('a logout through the API unlinks the phone and wipes the login', async () => {
		const t = await h.sidecar();
		await t.api('POST', '/api/sessions', { id: 'api-out' });
		const phone = await scanSession(t, h.fake, 'api-out');
		await waitForSession(t, 'api-out', status('READY'));
		const out = await t.api('POST', '/api/sessions/api-out/logout');
		expect(out.body).toMatchObject({ status: 'LOGGED_OUT', reason: 'LOGOUT_REQUESTED' });
		expect(phone.unpairings.map((u) => u.reason)).toEqual(['api']);
		expect(fs.existsSync(t.sidecar.sessions.profileDir('api-out'))).toBe(false);
		expect(browsersOf(t)).toEqual([]);
	});

	it('CONFLICT under the wait policy: the browser closes and the session waits, no retry storm', async () => {
		const t = await h.sidecar({ env: { SIDECAR_CONFLICT_WAIT_MS: '600000', SIDECAR_BACKOFF_BASE_MS: '100' } });
		await t.api('POST', '/api/sessions', { id: 'elsewhere' });
		const phone = await scanSession(t, h.fake, 'elsewhere');
		await waitForSession(t, 'elsewhere', status('READY'));
		await phone.setState('CONFLICT');
		const waiting = await waitForSession(t, 'elsewhere', (s) => s.status === 'RECONNECTING' && s.browserPid === null);
		expect(waiting.reason).toBe('CONFLICT');
		expect(Date.parse(waiting.nextAttemptAt) - Date.now()).toBeGreaterThan(500_000);
		expect(browsersOf(t)).toEqual([]);
	});

	it('CONFLICT under the takeover policy: the session takes WhatsApp back and stays READY', async () => {
		const t = await h.sidecar();
		await t.api('POST', '/api/sessions', { id: 'mine', config: { conflictPolicy: 'takeover' } });
		const phone = await scanSession(t, h.fake, 'mine');
		const ready = await waitForSession(t, 'mine', status('READY'));
		await phone.setState('CONFLICT');
		const after = await waitForSession(
			t,
			'mine',
			(s) => s.conflicts === 1 && phone.status()?.state === 'CONNECTED',
			15_000,
			'a conflict taken back',
		);
		expect(after.status).toBe('READY');
		expect(after.browserPid).toBe(ready.browserPid);
		expect(after.restarts.total).toBe(0);
	});

	it('TOS_BLOCK → FAILED with the reason, and no restart', async () => {
		const t = await h.sidecar({ env: { SIDECAR_BACKOFF_BASE_MS: '100' } });
		await t.api('POST', '/api/sessions', { id: 'banned' });
		const phone = await scanSession(t, h.fake, 'banned');
		await waitForSession(t, 'banned', status('READY'));
		await phone.setState('TOS_BLOCK');
		const failed = await waitForSession(t, 'banned', status('FAILED'));
		expect(failed).toMatchObject({ reason: 'TOS_BLOCK', desired: 'stopped', nextAttemptAt: null, browserPid: null });
	});
});
