import fs from 'fs';
import os from 'os';
import path from 'path';
import { Writable } from 'stream';
import { loadConfig, type SidecarConfig } from '../../sidecar/src/config';
import { createLogger } from '../../sidecar/src/logger';
import type { Resolver } from '../../sidecar/src/net/checkedLookup';
import type { EngineFactory } from '../../sidecar/src/sessions/engine/Engine';
import { startSidecar, type RunningSidecar } from '../../sidecar/src/sidecar';

export const TEST_API_KEY = 'test-api-key-0123456789';

const createdDataDirs = new Set<string>();

/** Removes the data folders of this file's test sidecars (run after each test file; they are stopped by then). */
export function removeTestDataDirs(): void {
	for (const dir of createdDataDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
	createdDataDirs.clear();
}

export interface ApiResponse {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of many shapes, checked by each test
	raw: Buffer;
	contentType: string;
}

export interface TestSidecar {
	sidecar: RunningSidecar;
	config: SidecarConfig;
	dataDir: string;
	/** Every log line so far (JSON), to print when a test fails. */
	logs: string[];
	api(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
	stop(): Promise<void>;
}

/**
 * A sidecar in this process on an ephemeral port, with its own data folder. Pass
 * `dataDir` to start again on the folder of an earlier one (a sidecar restart).
 */
export async function startTestSidecar(
	options: { env?: Record<string, string>; engineFactory?: EngineFactory; chromiumArgs?: string[]; dataDir?: string; lookup?: Resolver } = {},
): Promise<TestSidecar> {
	const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-test-'));
	createdDataDirs.add(dataDir);
	const config = loadConfig({
		SIDECAR_PORT: '0',
		SIDECAR_DATA_DIR: dataDir,
		SIDECAR_API_KEY: TEST_API_KEY,
		SIDECAR_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'debug',
		SIDECAR_WEB_VERSION_CACHE: 'none',
		SIDECAR_START_STAGGER_MS: '0',
		...options.env,
	});
	config.chromium.extraArgs.push(...(options.chromiumArgs ?? []));
	const logs: string[] = [];
	const sink = new Writable({
		write(chunk, _encoding, done) {
			logs.push(...String(chunk).split('\n').filter(Boolean));
			done();
		},
	});
	const sidecar = await startSidecar(config, createLogger(config.logLevel, sink), { engineFactory: options.engineFactory, lookup: options.lookup });
	const api = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
		const response = await fetch(`${sidecar.url}${url}`, {
			method,
			headers: { 'x-api-key': TEST_API_KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const raw = Buffer.from(await response.arrayBuffer());
		const contentType = response.headers.get('content-type') ?? '';
		const parsed = contentType.includes('json') ? JSON.parse(raw.toString('utf8')) : undefined;
		return { status: response.status, body: parsed, raw, contentType };
	};
	return { sidecar, config, dataDir, logs, api, stop: () => sidecar.stop() };
}
