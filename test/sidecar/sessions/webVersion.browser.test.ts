import fs from 'fs';
import os from 'os';
import path from 'path';
import { PINNED_WEB_VERSION } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * WhatsApp Web version drift through the real library: the fake serves a WhatsApp Web whose
 * modules differ from what whatsapp-web.js 1.34.7 expects, and the session says so by name
 * instead of hanging, retries with backoff and clears the saved page once.
 */
describe('WhatsApp Web version drift', () => {
	const h = useSidecarHarness();
	// The saved page (wwebjs-cache) in play; a short ready time; backoff of at least 1 s (a quarter of 4 s).
	const ENV = { SIDECAR_WEB_VERSION_CACHE: 'local', SIDECAR_READY_TIMEOUT_MS: '3000', SIDECAR_BACKOFF_BASE_MS: '4000' };
	const savedPage = (t: TestSidecar, version = PINNED_WEB_VERSION) => path.join(t.dataDir, 'wwebjs-cache', `${version}.html`);
	const session = (t: TestSidecar, id: string) => t.api('GET', `/api/sessions/${id}`).then((r) => r.body as Json);
	const failedWith = (reason: string) => (s: Json) => s.status === 'RECONNECTING' && s.reason === reason;

	afterEach(() => h.fake.serve({}));

	it('a saved page lacking a module the library needs at injection: the reason names it, that page is cleared, the live page works', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-test-'));
		fs.mkdirSync(path.join(dataDir, 'wwebjs-cache'));
		fs.writeFileSync(path.join(dataDir, 'wwebjs-cache', `${PINNED_WEB_VERSION}.html`), h.fake.pageHtml({ drift: { missingModules: ['WAWebConnModel'] } }));
		// Another saved version: what an older version could be pinned to. It stays.
		const OLDER = '2.3000.1010000000';
		fs.writeFileSync(path.join(dataDir, 'wwebjs-cache', `${OLDER}.html`), h.fake.pageHtml({ version: OLDER }));
		const t = await h.sidecar({ dataDir, env: ENV });
		await t.api('POST', '/api/sessions', { id: 'drift1' });

		const failed = await waitForSession(t, 'drift1', failedWith('WEB_VERSION_INCOMPATIBLE'), 60_000, 'WEB_VERSION_INCOMPATIBLE');
		expect(failed.detail).toContain(`WhatsApp Web ${PINNED_WEB_VERSION} lacks what whatsapp-web.js 1.34.7 needs to log in: WAWebConnModel`);
		expect(failed.detail).toContain('loaded from the page saved in wwebjs-cache');
		// The library's own words stay in the detail, after ours.
		expect(failed.detail).toContain('Requiring unknown module "WAWebConnModel"');
		expect(failed.nextAttemptAt).not.toBeNull();
		await pollUntil(() => fs.existsSync(savedPage(t)), (exists) => !exists, { what: 'the saved page cleared' });
		expect(fs.existsSync(savedPage(t, OLDER))).toBe(true);

		// The retry loads web.whatsapp.com, which still has the module: a QR, and READY after a scan.
		const phone = await scanSession(t, h.fake, 'drift1');
		const ready = await waitForSession(t, 'drift1', status('READY'));
		expect(ready.lastError).toMatchObject({ reason: 'WEB_VERSION_INCOMPATIBLE', detail: expect.stringContaining('WAWebConnModel') });
		expect(ready.history.map((c: Json) => [c.to, c.reason])).toEqual([
			['STARTING', 'START_REQUESTED'],
			['RECONNECTING', 'WEB_VERSION_INCOMPATIBLE'],
			['STARTING', 'RETRY'],
			['SCAN_QR', 'QR_REQUIRED'],
			['AUTHENTICATED', 'LOGIN_ACCEPTED'],
			['READY', 'CONNECTED'],
		]);
		expect(ready.webVersion).toEqual({ version: PINNED_WEB_VERSION, source: 'remote' });
		await phone.waitUntilListening();
		await h.stop(t);
	});

	it('a page that loads but never lets the library get ready: named after the ready time, retried with backoff, the cache cleared once', async () => {
		h.fake.serve({ drift: { renamed: { 'WAWebConnModel.Conn.serialize': 'serializeConn' } } });
		const t = await h.sidecar({ env: ENV });
		await t.api('POST', '/api/sessions', { id: 'drift2' });
		await scanSession(t, h.fake, 'drift2');
		await waitForSession(t, 'drift2', status('AUTHENTICATED'));

		const first = await waitForSession(t, 'drift2', failedWith('WEB_VERSION_INCOMPATIBLE'), 30_000, 'WEB_VERSION_INCOMPATIBLE');
		expect(first.detail).toBe(
			`no progress towards READY for 3 s: WhatsApp Web ${PINNED_WEB_VERSION} lacks what whatsapp-web.js 1.34.7 needs to become ready: ` +
				'WAWebConnModel.Conn.serialize (loaded from web.whatsapp.com)',
		);
		// The library saved the page when the login came through; the failure clears it.
		await pollUntil(() => fs.existsSync(savedPage(t)), (exists) => !exists, { what: 'the saved page cleared' });

		// The retry restores the login (no QR), saves the page again, fails again: not cleared twice
		// (the next restart is scheduled after the clearing would have happened).
		const second = await waitForSession(
			t,
			'drift2',
			(s) => failedWith('WEB_VERSION_INCOMPATIBLE')(s) && s.restarts.byReason.WEB_VERSION_INCOMPATIBLE === 2,
			60_000,
			'a second WEB_VERSION_INCOMPATIBLE, its restart scheduled',
		);
		expect(fs.existsSync(savedPage(t))).toBe(true);
		expect(second).toMatchObject({ failedAttempts: 2, restarts: { byReason: { WEB_VERSION_INCOMPATIBLE: 2 } } });
		const changes = second.history.map((c: Json) => [c.to, c.reason]);
		expect(changes.slice(-3)).toEqual([
			['STARTING', 'RETRY'],
			['AUTHENTICATED', 'LOGIN_ACCEPTED'],
			['RECONNECTING', 'WEB_VERSION_INCOMPATIBLE'],
		]);
		// Backoff: the retry came at least a quarter of the 4 s window after the failure.
		const failedAt = Date.parse(second.history.find((c: Json) => c.reason === 'WEB_VERSION_INCOMPATIBLE').at);
		const retriedAt = Date.parse(second.history.find((c: Json) => c.reason === 'RETRY').at);
		expect(retriedAt - failedAt).toBeGreaterThanOrEqual(1_000);
		await h.stop(t);
	});

	it('a page stuck at 99 % that never says it synced: the loading screen is seen, then the reason says what the page was waiting for', async () => {
		h.fake.serve({ drift: { neverSyncs: true } });
		const t = await h.sidecar({ env: ENV });
		await t.api('POST', '/api/sessions', { id: 'drift3' });
		const scanned = Date.now();
		await scanSession(t, h.fake, 'drift3');
		const failed = await waitForSession(t, 'drift3', failedWith('WEB_VERSION_INCOMPATIBLE'), 30_000, 'WEB_VERSION_INCOMPATIBLE');
		expect(failed.detail).toBe(
			`no progress towards READY for 3 s: WhatsApp Web ${PINNED_WEB_VERSION} has every module whatsapp-web.js 1.34.7 reads, ` +
				'but the page never said it had synced (WAWebSocketModel.Socket change:hasSynced), which the library waits for (state CONNECTED) ' +
				'(loaded from web.whatsapp.com)',
		);
		// It never left SCAN_QR: only the loading screen (99 %) started the ready time.
		expect(failed.history.map((c: Json) => c.to)).toEqual(['STARTING', 'SCAN_QR', 'RECONNECTING']);
		expect(Date.now() - scanned).toBeGreaterThanOrEqual(3_000);
		await h.stop(t);
	});

	it('a page that never loads (no network) is no version problem: START_FAILED, and the saved pages stay', async () => {
		const t = await startTestSidecar({ env: ENV, chromiumArgs: ['--host-resolver-rules=MAP * ~NOTFOUND'] });
		try {
			fs.mkdirSync(path.join(t.dataDir, 'wwebjs-cache'));
			fs.writeFileSync(savedPage(t, '2.3000.1010000000'), h.fake.pageHtml({ version: '2.3000.1010000000' }));
			await t.api('POST', '/api/sessions', { id: 'offline' });
			const failed = await waitForSession(t, 'offline', (s) => s.status === 'RECONNECTING', 60_000, 'RECONNECTING');
			expect(failed).toMatchObject({ reason: 'START_FAILED', detail: expect.stringContaining('net::ERR_NAME_NOT_RESOLVED') });
			expect(fs.existsSync(savedPage(t, '2.3000.1010000000'))).toBe(true);
		} finally {
			await t.stop();
		}
	});

	it('GET /api/server reports the library and the WhatsApp Web version, and SIDECAR_WEB_VERSION pins a saved page', async () => {
		const t = await h.sidecar({ env: ENV });
		const before = (await t.api('GET', '/api/server')).body.whatsapp;
		expect(before).toEqual({
			library: { name: 'whatsapp-web.js', version: '1.34.7' },
			webVersion: { requested: PINNED_WEB_VERSION, requestedFrom: 'default', cache: 'local', cachedVersions: [], pinned: false, sessions: {} },
		});

		await t.api('POST', '/api/sessions', { id: 'versions' });
		await scanSession(t, h.fake, 'versions');
		await waitForSession(t, 'versions', status('READY'));
		// Loaded from web.whatsapp.com; the library saved it at login, so it is pinned from now on.
		expect((await t.api('GET', '/api/server')).body.whatsapp.webVersion).toMatchObject({
			cachedVersions: [PINNED_WEB_VERSION],
			pinned: true,
			sessions: { versions: { version: PINNED_WEB_VERSION, source: 'remote' } },
		});

		// WhatsApp ships a newer version; the session keeps the saved one.
		const NEWER = '2.3000.1099999999';
		h.fake.serve({ version: NEWER });
		await t.api('POST', '/api/sessions/versions/restart');
		const restarted = await waitForSession(t, 'versions', (s) => s.status === 'READY' && s.webVersion?.source === 'cache');
		expect(restarted.webVersion).toEqual({ version: PINNED_WEB_VERSION, source: 'cache' });
		await h.stop(t);

		// A version that is not saved does not pin: the session runs what web.whatsapp.com serves,
		// and the library saves that page under its own version.
		const other = await h.sidecar({ env: { ...ENV, SIDECAR_WEB_VERSION: '2.3000.1000000000' } });
		await other.api('POST', '/api/sessions', { id: 'unpinned' });
		await scanSession(other, h.fake, 'unpinned');
		await waitForSession(other, 'unpinned', status('READY'));
		expect((await other.api('GET', '/api/server')).body.whatsapp.webVersion).toEqual({
			requested: '2.3000.1000000000',
			requestedFrom: 'setting',
			cache: 'local',
			cachedVersions: [NEWER],
			pinned: false,
			sessions: { unpinned: { version: NEWER, source: 'remote' } },
		});
		expect((await session(other, 'unpinned')).webVersion).toEqual({ version: NEWER, source: 'remote' });
		await h.stop(other);
	});
});
