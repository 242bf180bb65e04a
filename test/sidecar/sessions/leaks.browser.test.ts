import fs from 'fs';
import { browsersOf, scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

const CYCLES = Number(process.env.LEAK_CYCLES ?? 50);
const PROCESS_EVENTS = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'unhandledRejection', 'uncaughtException'] as const;

function snapshot(t: TestSidecar, id: string) {
	const session = t.sidecar.sessions.get(id);
	return {
		browserProcesses: browsersOf(t).length,
		engineListeners: session.currentEngine()?.listenerCount() ?? -1,
		processListeners: Object.fromEntries(PROCESS_EVENTS.map((e) => [e, process.listenerCount(e)])),
		openFds: fs.readdirSync('/proc/self/fd').length,
	};
}

describe(`${CYCLES} restart cycles`, () => {
	const h = useSidecarHarness();

	it('leave listener counts, Chromium processes and open files where they were', async () => {
		const t = await h.sidecar();
		await t.api('POST', '/api/sessions', { id: 'cycled' });
		await scanSession(t, h.fake, 'cycled');
		await waitForSession(t, 'cycled', status('READY'));
		const before = snapshot(t, 'cycled');

		for (let cycle = 1; cycle <= CYCLES; cycle++) {
			expect((await t.api('POST', '/api/sessions/cycled/restart')).status).toBe(200);
			// The restart call returns once the new browser has started, so this READY is the new one.
			await waitForSession(t, 'cycled', status('READY'), 60_000, `READY after restart ${cycle}`);
		}
		const after = snapshot(t, 'cycled');
		console.log(`before ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`);

		expect(after.browserProcesses).toBe(before.browserProcesses);
		expect(after.engineListeners).toBe(before.engineListeners);
		expect(after.processListeners).toEqual(before.processListeners);
		// Sockets and the database may hold a few descriptors more or less; a leak grows per cycle.
		expect(after.openFds - before.openFds).toBeLessThan(CYCLES / 5);
		expect((await t.api('GET', '/api/sessions/cycled')).body.restarts.total).toBe(0);
	}, 900_000); // about a second a cycle here; far more on a loaded machine
});
