import fs from 'fs';
import os from 'os';
import path from 'path';
import type { FakePhone, FakeWhatsAppWeb } from '../../fake-whatsapp-web';
import { sweepOrphanBrowsers } from '../../../sidecar/src/sessions/chrome/processes';
import { pollUntil } from '../../support/poll';
import { spawnSidecar, type SidecarProcess } from '../../support/sidecarProcess';
import { settlesWithin } from './n8n';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface E2eSidecar {
	url: string;
	apiKey: string;
	dataDir: string;
	process: SidecarProcess;
	api(method: string, apiPath: string, body?: object): Promise<{ status: number; body: Json }>;
	/** The last lines of its output (JSON log lines). */
	tail(lines?: number): string;
	/** Creates a session, scans its QR on the fake and waits for READY; the linked phone. */
	link(session: string, phone?: string): Promise<FakePhone>;
	stop(): Promise<void>;
}

/**
 * The real `whatsapp-sidecar` command against the fake WhatsApp Web, with its own data
 * folder and a free port. Pacing is off unless `env` sets SIDECAR_PACING.
 */
export async function startSidecar(fake: FakeWhatsAppWeb, env: Record<string, string> = {}): Promise<E2eSidecar> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-e2e-'));
	const apiKey = `e2e-sidecar-key-${Date.now()}-0123456789`;
	const chromiumArgs = fake.chromiumArgs.map((a) => `"${a}"`).join(' ');
	let child: SidecarProcess;
	try {
		child = await spawnSidecar(['--port', '0', '--data-dir', dataDir, `--chromium-args=${chromiumArgs}`, '--web-version-cache', 'none'], {
			SIDECAR_API_KEY: apiKey,
			SIDECAR_PACING: 'off',
			SIDECAR_START_STAGGER_MS: '0',
			SIDECAR_LOG_LEVEL: 'info',
			// A refused or failed delivery shows quickly instead of waiting out the 5 s backoff.
			SIDECAR_WEBHOOK_BACKOFF_BASE_MS: '500',
			...env,
		});
	} catch (error) {
		fs.rmSync(dataDir, { recursive: true, force: true });
		throw error;
	}
	const api = async (method: string, apiPath: string, body?: object) => {
		const response = await fetch(`${child.url}${apiPath}`, {
			method,
			headers: { 'x-api-key': apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
			body: body && JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
	};
	const tail = (lines = 40) => child.output().split('\n').slice(-lines).join('\n');
	let stopped: Promise<void> | undefined;

	return {
		url: child.url,
		apiKey,
		dataDir,
		process: child,
		api,
		tail,
		async link(session, phoneNumber) {
			const context = () => `Sidecar's last output:\n${tail()}`;
			const status = () => api('GET', `/api/sessions/${session}`).then((r) => r.body);
			const created = await api('POST', '/api/sessions', { id: session });
			if (created.status >= 300) throw new Error(`POST /api/sessions: ${created.status} ${JSON.stringify(created.body)}`);
			await pollUntil(status, (s) => s.status === 'SCAN_QR', { timeoutMs: 90_000, everyMs: 100, what: 'SCAN_QR', context });
			const qr = await api('GET', `/api/sessions/${session}/qr`);
			const phone = await fake.scan(qr.body.raw, phoneNumber ? { phone: phoneNumber } : {});
			await pollUntil(status, (s) => s.status === 'READY', { timeoutMs: 90_000, everyMs: 100, what: 'READY', context });
			await phone.waitUntilListening();
			return phone;
		},
		stop() {
			stopped ??= (async () => {
				const { child: proc } = child;
				if (proc.exitCode === null && proc.signalCode === null) {
					proc.kill('SIGTERM');
					if (!(await settlesWithin(child.exited, 30_000))) {
						proc.kill('SIGKILL');
						await child.exited;
						await sweepOrphanBrowsers(path.join(dataDir, 'sessions'));
					}
				}
				fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
			})();
			return stopped;
		},
	};
}
