import fs from 'fs';
import os from 'os';
import path from 'path';
import { loadConfig } from '../../sidecar/src/config';
import { createLogger } from '../../sidecar/src/logger';
import { startSidecar } from '../../sidecar/src/sidecar';
import { readJson } from '../support/json';

describe('startSidecar', () => {
	it('listens on loopback, reports the browser it found, and stops', async () => {
		const config = loadConfig({ SIDECAR_PORT: '0', SIDECAR_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'sc-')) });
		const sidecar = await startSidecar(config, createLogger('silent'));
		try {
			expect(sidecar.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const info = await readJson(await fetch(`${sidecar.url}/api/server`, { headers: { 'x-api-key': config.apiKey } }));
			expect(info.browser.executablePath).toMatch(/chrom/i);
		} finally {
			await sidecar.stop();
		}
		await expect(fetch(`${sidecar.url}/health`)).rejects.toThrow();
	});
});
