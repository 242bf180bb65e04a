import { browsersOf, scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';

describe('sessions through the API, with the real library against the fake WhatsApp Web', () => {
	const h = useSidecarHarness();

	it('QR → scan → READY, and a restart keeps the login (no QR)', async () => {
		const t = await h.sidecar();
		expect((await t.api('POST', '/api/sessions', { id: 'clinic' })).status).toBe(201);
		const phone = await scanSession(t, h.fake, 'clinic', '15550001111');
		const ready = await waitForSession(t, 'clinic', status('READY'));
		expect(ready.account).toMatchObject({ wid: '15550001111@c.us' });
		expect(ready.history.map((c: { to: string }) => c.to)).toEqual(['STARTING', 'SCAN_QR', 'AUTHENTICATED', 'READY']);
		expect(browsersOf(t).length).toBeGreaterThan(0);

		const restarted = await t.api('POST', '/api/sessions/clinic/restart');
		expect(restarted.status).toBe(200);
		const again = await waitForSession(t, 'clinic', status('READY'));
		const sinceRestart = again.history.slice(again.history.findIndex((c: { reason: string }) => c.reason === 'RESTART_REQUESTED'));
		expect(sinceRestart.map((c: { to: string }) => c.to)).toEqual(['STARTING', 'AUTHENTICATED', 'READY']);
		// The page reports its status asynchronously: wait for it rather than read it at once.
		await phone.waitUntilListening(10_000);
		expect([...h.fake.unknownModules]).toEqual([]);
	});
});
