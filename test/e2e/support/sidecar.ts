import fs from 'fs';
import os from 'os';
import path from 'path';
import type { FakePhone, FakeWhatsAppWeb } from '../../fake-whatsapp-web';
import { sweepOrphanBrowsers } from '../../../sidecar/src/sessions/chrome/processes';
import { waitForSession } from '../../support/waitForSession';
import { spawnSidecar, type SidecarProcess } from '../../support/sidecarProcess';
import { settlesWithin } from '../../support/poll';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface E2eSidecar {
	url: string;
	apiKey: string;
	dataDir: string;
	/** The current process (a new one after restart()). */
	readonly process: SidecarProcess;
	api(method: string, apiPath: string, body?: object): Promise<{ status: number; body: Json }>;
	/** The last lines of its output (JSON log lines). */
	tail(lines?: number): string;
	/** Creates a session, scans its QR on the fake and waits for READY; the linked phone. */
	link(session: string, phone?: string): Promise<FakePhone>;
	/** Waits until the session has this status (`GET /api/sessions/:id`); the session view. */
	waitForStatus(session: string, status: string, timeoutMs?: number): Promise<Json>;
	/**
	 * SIGTERM, then the same command again on the same data folder and port (so URLs kept
	 * elsewhere, like the n8n credential, still work); resolves once it listens.
	 */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * The real `whatsapp-sidecar` command against the fake WhatsApp Web, with its own data
 * folder and a free port. Pacing is off unless `env` sets SIDECAR_PACING.
 */
export async function startSidecar(fake: FakeWhatsAppWeb, env: Record<string, string> = {}, command?: string[]): Promise<E2eSidecar> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-e2e-'));
	const apiKey = `e2e-sidecar-key-${Date.now()}-0123456789`;
	const chromiumArgs = fake.chromiumArgs.map((a) => `"${a}"`).join(' ');
	const spawnOn = (port: number) =>
		spawnSidecar(['--port', String(port), '--data-dir', dataDir, `--chromium-args=${chromiumArgs}`, '--web-version-cache', 'none'], {
			SIDECAR_API_KEY: apiKey,
			SIDECAR_PACING: 'off',
			SIDECAR_START_STAGGER_MS: '0',
			SIDECAR_LOG_LEVEL: 'info',
			// A refused or failed delivery shows quickly instead of waiting out the 5 s backoff.
			SIDECAR_WEBHOOK_BACKOFF_BASE_MS: '500',
			...env,
		}, undefined, command);
	let child: SidecarProcess;
	try {
		child = await spawnOn(0);
	} catch (error) {
		fs.rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}
	const url = child.url;
	const port = Number(new URL(url).port);
	/** Output of the processes before a restart, for failure messages. */
	let earlierOutput = '';
	const api = async (method: string, apiPath: string, body?: object) => {
		const response = await fetch(`${url}${apiPath}`, {
			method,
			headers: { 'x-api-key': apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
	};
	const tail = (lines = 40) => (earlierOutput + child.output()).split('\n').slice(-lines).join('\n');
	const waitForStatus = (session: string, wanted: string, timeoutMs = 90_000) =>
		waitForSession({ api, tail }, session, (s) => s.status === wanted, timeoutMs, wanted);
	/** SIGTERM; after 30 s SIGKILL and a sweep of the browsers it left. */
	const terminate = async (): Promise<void> => {
		const { child: proc } = child;
		if (proc.exitCode !== null || proc.signalCode !== null) return;
		proc.kill('SIGTERM');
		if (!(await settlesWithin(child.exited, 30_000))) {
			proc.kill('SIGKILL');
			await child.exited;
			await sweepOrphanBrowsers(path.join(dataDir, 'sessions'));
		}
	};
	let stopped: Promise<void> | undefined;

	return {
		url,
		apiKey,
		dataDir,
		get process() {
			return child;
		},
		api,
		tail,
		waitForStatus,
		async link(session, phoneNumber) {
			const created = await api('POST', '/api/sessions', { id: session });
			if (created.status >= 300) throw new Error(`POST /api/sessions: ${created.status} ${JSON.stringify(created.body)}`);
			await waitForStatus(session, 'SCAN_QR');
			const qr = await api('GET', `/api/sessions/${session}/qr`);
			const phone = await fake.scan(qr.body.raw, phoneNumber ? { phone: phoneNumber } : {});
			await waitForStatus(session, 'READY');
			await phone.waitUntilListening();
			return phone;
		},
		async restart() {
			if (stopped) throw new Error('the sidecar was stopped for good');
			await terminate();
			earlierOutput += child.output();
			child = await spawnOn(port);
		},
		stop() {
			stopped ??= (async () => {
				await terminate();
				fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
			})();
			return stopped;
		},
	};
}
