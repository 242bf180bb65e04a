import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConfigError, loadConfig } from '../../sidecar/src/config';
import { createLogger } from '../../sidecar/src/logger';
import { startSidecar } from '../../sidecar/src/sidecar';
import { readJson } from '../support/json';
import { scriptedEngines } from '../support/scriptedEngine';

describe('startSidecar', () => {
	const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sc-'));

	it('listens on loopback with a generated key, reports the browser it found, and stops', async () => {
		const config = loadConfig({ SIDECAR_PORT: '0', SIDECAR_DATA_DIR: dataDir() });
		expect(config.apiKeyGenerated).toBe(true);
		const sidecar = await startSidecar(config, createLogger('silent'), { engineFactory: scriptedEngines().factory });
		try {
			expect(sidecar.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const info = await readJson(await fetch(`${sidecar.url}/api/server`, { headers: { 'x-api-key': config.apiKey } }));
			expect(info.browser.executablePath).toMatch(/chrom/i);
		} finally {
			await sidecar.stop();
		}
		await expect(fetch(`${sidecar.url}/health`)).rejects.toThrow();
	});

	it('refuses to listen beyond loopback without a configured API key', () => {
		expect(() => loadConfig({ SIDECAR_HOST: '0.0.0.0', SIDECAR_DATA_DIR: dataDir() })).toThrow(ConfigError);
		expect(() => loadConfig({ SIDECAR_HOST: '0.0.0.0', SIDECAR_DATA_DIR: dataDir() })).toThrow(/set SIDECAR_API_KEY/);
		expect(loadConfig({ SIDECAR_HOST: '0.0.0.0', SIDECAR_API_KEY: 'k'.repeat(16), SIDECAR_DATA_DIR: dataDir() }).host).toBe('0.0.0.0');
	});

	it('fails cleanly when the port is taken, leaving no guard behind', async () => {
		const first = await startSidecar(loadConfig({ SIDECAR_PORT: '0', SIDECAR_DATA_DIR: dataDir() }), createLogger('silent'), {
			engineFactory: scriptedEngines().factory,
		});
		try {
			const port = new URL(first.url).port;
			const listeners = process.listenerCount('unhandledRejection');
			await expect(
				startSidecar(loadConfig({ SIDECAR_PORT: port, SIDECAR_DATA_DIR: dataDir() }), createLogger('silent'), {
					engineFactory: scriptedEngines().factory,
				}),
			).rejects.toThrow(/EADDRINUSE/);
			expect(process.listenerCount('unhandledRejection')).toBe(listeners);
		} finally {
			await first.stop();
		}
	});
});
