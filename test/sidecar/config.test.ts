import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConfigError, loadConfig } from '../../sidecar/src/config';

describe('loadConfig', () => {
	const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-config-'));

	it('has loopback defaults and makes an API key once, kept in the data folder', () => {
		const dir = dataDir();
		const first = loadConfig({ SIDECAR_DATA_DIR: dir });
		expect(first).toMatchObject({ host: '127.0.0.1', port: 3100, dataDir: dir, maxSessions: 10 });
		expect(first.apiKey).toMatch(/^[0-9a-f]{48}$/);
		expect(fs.statSync(path.join(dir, 'api-key')).mode & 0o777).toBe(0o600);
		expect(loadConfig({ SIDECAR_DATA_DIR: dir }).apiKey).toBe(first.apiKey);
	});

	it('uses SIDECAR_API_KEY when given and parses the browser settings', () => {
		const config = loadConfig({
			SIDECAR_DATA_DIR: dataDir(),
			SIDECAR_API_KEY: 'a-long-enough-secret-key',
			SIDECAR_PORT: '4000',
			SIDECAR_CHROMIUM_PATH: '/opt/chrome',
			SIDECAR_CHROMIUM_NO_SANDBOX: 'true',
			SIDECAR_CHROMIUM_ARGS: '--proxy-server=http://p:1  --lang=id "--host-resolver-rules=MAP a 127.0.0.1:9"',
		});
		expect(config.apiKey).toBe('a-long-enough-secret-key');
		expect(config.port).toBe(4000);
		expect(config.chromium).toEqual({
			executablePath: '/opt/chrome',
			noSandbox: true,
			extraArgs: ['--proxy-server=http://p:1', '--lang=id', '--host-resolver-rules=MAP a 127.0.0.1:9'],
		});
	});

	it('has supervisor defaults: 1 s backoff base, 5 min cap, a watchdog', () => {
		const { supervisor } = loadConfig({ SIDECAR_DATA_DIR: dataDir() });
		expect(supervisor.backoff).toEqual({ baseMs: 1_000, capMs: 300_000, maxAttempts: 10 });
		expect(supervisor.watchdog.intervalMs).toBe(30_000);
		expect(supervisor.conflict.policy).toBe('wait');
	});

	it('rejects bad values with a message naming the variable', () => {
		expect(() => loadConfig({ SIDECAR_PORT: 'eighty', SIDECAR_DATA_DIR: dataDir() })).toThrow(ConfigError);
		expect(() => loadConfig({ SIDECAR_API_KEY: 'short', SIDECAR_DATA_DIR: dataDir() })).toThrow(
			/SIDECAR_API_KEY must be at least 16 characters/,
		);
	});
});
