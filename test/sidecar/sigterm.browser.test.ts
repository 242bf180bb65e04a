import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { findBrowsersUnder } from '../../sidecar/src/sessions/chrome/processes';
import { splitArgs } from '../../sidecar/src/splitArgs';
import { spawnSidecar, type SidecarProcess } from '../support/sidecarProcess';

describe('the whatsapp-sidecar command', () => {
	let fake: FakeWhatsAppWeb;
	let sidecar: SidecarProcess | undefined;
	const key = 'sigterm-test-key-0123456789';

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
	});
	afterAll(async () => {
		if (sidecar && sidecar.child.exitCode === null) sidecar.child.kill('SIGKILL');
		await fake.close();
	});

	it('prints --help and exits', async () => {
		const help = await new Promise<string>((resolve) => {
			execFile(
				process.execPath,
				['-r', 'ts-node/register/transpile-only', 'sidecar/src/bin.ts', '--help'],
				{ cwd: path.resolve(__dirname, '../..'), env: { ...process.env, TS_NODE_PROJECT: 'sidecar/tsconfig.json' } },
				(_error, stdout) => resolve(stdout),
			);
		});
		expect(help).toMatch(/Usage: whatsapp-sidecar/);
		expect(help).toMatch(/--api-key/);
	});

	// SIGHUP: a closed terminal or a supervisor's reload; Node's default for it is to die on the spot.
	it.each(['SIGTERM', 'SIGHUP'] as const)('on %s with a session running: closes the browser and exits 0', async (stopSignal) => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-sigterm-'));
		const chromiumArgs = fake.chromiumArgs.map((a) => `"${a}"`).join(' ');
		expect(splitArgs(chromiumArgs)).toEqual(fake.chromiumArgs);
		sidecar = await spawnSidecar(['--port', '0', '--data-dir', dataDir, `--chromium-args=${chromiumArgs}`, '--web-version-cache', 'none'], {
			SIDECAR_API_KEY: key,
		});
		const api = (method: string, url: string, body?: object) =>
			fetch(`${sidecar!.url}${url}`, {
				method,
				headers: { 'x-api-key': key, 'content-type': 'application/json' },
				body: body && JSON.stringify(body),
			}).then((r) => r.json() as Promise<Record<string, any>>); // eslint-disable-line @typescript-eslint/no-explicit-any

		await api('POST', '/api/sessions', { id: 'live' });
		const qrPage = await fake.waitForQrPage(60_000);
		await fake.scan(`${qrPage.status.ref},x,y,z,w`);
		for (let i = 0; i < 600 && (await api('GET', '/api/sessions/live')).status !== 'READY'; i++) {
			await new Promise((r) => setTimeout(r, 100));
		}
		expect((await api('GET', '/api/sessions/live')).status).toBe('READY');
		const authDir = path.join(dataDir, 'sessions');
		expect(findBrowsersUnder(authDir).length).toBeGreaterThan(0);

		sidecar.child.kill(stopSignal);
		const { code, signal } = await sidecar.exited;
		expect({ code, signal }).toEqual({ code: 0, signal: null });
		expect(findBrowsersUnder(authDir)).toEqual([]);
		expect(sidecar.output()).toMatch(/sidecar stopped/);
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
});
