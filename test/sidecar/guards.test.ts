import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { isPidAlive } from '../../sidecar/src/sessions/chrome/processes';
import { scriptedEngines } from '../support/scriptedEngine';
import { startTestSidecar } from '../support/testSidecar';

describe('process-wide guards', () => {
	it('an unhandled rejection (a library bug) is logged and makes every session check its page, without dying', async () => {
		const engines = scriptedEngines();
		const t = await startTestSidecar({ engineFactory: engines.factory });
		try {
			await t.api('POST', '/api/sessions', { id: 'one' });
			engines.latest().emit({ type: 'ready', account: { wid: '1@c.us' } });
			const probesBefore = engines.latest().probes;
			process.emit('unhandledRejection', new Error('TargetCloseError: Protocol error'), Promise.resolve());
			await new Promise((r) => setImmediate(r));
			expect(engines.latest().probes).toBe(probesBefore + 1);
			expect(t.logs.some((l) => l.includes('unhandled promise rejection'))).toBe(true);
			expect((await t.api('GET', '/api/sessions/one')).body.status).toBe('READY');
		} finally {
			await t.stop();
		}
		expect(process.listenerCount('unhandledRejection')).toBe(0);
	});

	it('at boot, browsers a previous run left on our profiles are killed; others are left alone', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-orphans-'));
		const spawnWith = (profile: string): ChildProcess =>
			spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', `--user-data-dir=${profile}`], { detached: true, stdio: 'ignore' });
		const orphan = spawnWith(path.join(dataDir, 'sessions', 'session-old'));
		const stranger = spawnWith(path.join(dataDir, 'elsewhere'));
		try {
			const t = await startTestSidecar({ dataDir, engineFactory: scriptedEngines().factory });
			await t.stop();
			const deadline = Date.now() + 5_000;
			while (isPidAlive(orphan.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			expect(isPidAlive(orphan.pid!)).toBe(false);
			expect(isPidAlive(stranger.pid!)).toBe(true);
			expect(t.logs.some((l) => l.includes('killed orphan browsers'))).toBe(true);
		} finally {
			for (const child of [orphan, stranger]) if (child.pid && isPidAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
		}
	});
});
