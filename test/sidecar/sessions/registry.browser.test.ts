import fs from 'fs';
import { browsersOf, scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';

describe('the session registry across sidecar restarts', () => {
	const h = useSidecarHarness();

	it('restores the sessions meant to run, staggered, without QR; stopped ones stay stopped', async () => {
		const first = await h.sidecar();
		for (const id of ['a', 'b', 'c', 'idle']) {
			await first.api('POST', '/api/sessions', { id });
			await scanSession(first, h.fake, id);
			await waitForSession(first, id, status('READY'));
		}
		await first.api('POST', '/api/sessions/idle/stop');
		await h.stop(first);
		expect(browsersOf(first)).toEqual([]);

		const second = await h.sidecar({ dataDir: first.dataDir, env: { SIDECAR_START_STAGGER_MS: '700' } });
		const restored = await Promise.all(['a', 'b', 'c'].map((id) => waitForSession(second, id, status('READY'))));
		const starts = restored.map((s) => {
			const change = s.history.filter((c: { reason: string }) => c.reason === 'BOOT_RESTORE').at(-1);
			expect(s.history.slice(s.history.indexOf(change)).map((c: { to: string }) => c.to)).toEqual(['STARTING', 'AUTHENTICATED', 'READY']);
			return Date.parse(change.at);
		});
		starts.sort((x, y) => x - y);
		expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(600);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(600);
		const idle = (await second.api('GET', '/api/sessions/idle')).body;
		expect(idle).toMatchObject({ status: 'STOPPED', desired: 'stopped' });
	});

	it('deleting a session stops it, removes its login folder and forgets it', async () => {
		const t = await h.sidecar();
		await t.api('POST', '/api/sessions', { id: 'gone' });
		await scanSession(t, h.fake, 'gone');
		await waitForSession(t, 'gone', status('READY'));
		const profile = t.sidecar.sessions.profileDir('gone');
		expect(fs.existsSync(profile)).toBe(true);
		expect((await t.api('DELETE', '/api/sessions/gone')).body).toEqual({ id: 'gone', deleted: true });
		expect(fs.existsSync(profile)).toBe(false);
		expect(browsersOf(t)).toEqual([]);
		expect((await t.api('GET', '/api/sessions/gone')).status).toBe(404);
	});

	it('reports the profile size and prunes Chromium caches when a session stops', async () => {
		const t = await h.sidecar();
		await t.api('POST', '/api/sessions', { id: 'sized' });
		await scanSession(t, h.fake, 'sized');
		const ready = await waitForSession(t, 'sized', status('READY'));
		expect(ready.profileSizeBytes).toBeGreaterThan(0);
		const cache = `${t.sidecar.sessions.profileDir('sized')}/Default/Cache`;
		fs.mkdirSync(cache, { recursive: true });
		fs.writeFileSync(`${cache}/blob`, Buffer.alloc(1 << 20));
		await t.api('POST', '/api/sessions/sized/stop');
		expect(fs.existsSync(cache)).toBe(false);
	});
});
