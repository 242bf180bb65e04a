import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client, LocalAuth } from 'whatsapp-web.js';
import { chromiumArgs } from '../../../sidecar/src/browser/chromiumArgs';
import { killProcessGroup } from '../../../sidecar/src/sessions/chrome/processes';
import { resolveBrowser } from '../../../sidecar/src/browser/resolveBrowser';
import type { FakeWhatsAppWeb } from '../../fake-whatsapp-web';
import { EventLog } from './eventLog';

/** Every event whatsapp-web.js 1.34.7 can emit on the paths the fake emulates. */
export const CLIENT_EVENTS = [
	'qr',
	'authenticated',
	'auth_failure',
	'ready',
	'message',
	'message_create',
	'message_ack',
	'media_uploaded',
	'change_state',
	'disconnected',
	'loading_screen',
	// what people do to messages, and calls (fake: page/events.ts)
	'message_reaction',
	'message_edit',
	'message_revoke_everyone',
	'message_revoke_me',
	'vote_update',
	'call',
];

export interface BareSession {
	client: Client;
	log: EventLog;
	clientId: string;
	/** LocalAuth's folder; the Chrome profile is `<dataPath>/session-<clientId>`. */
	dataPath: string;
	profileDir: string;
	/** Starts the client (resolves after the first QR, or once listeners are attached). */
	initialize(): Promise<void>;
	/** The Chromium process id, once launched. */
	browserPid(): number | undefined;
	/** Destroys the client and waits for its browser to be gone; safe to call twice. */
	dispose(): Promise<void>;
}

const createdDataPaths = new Set<string>();

/** A fresh LocalAuth folder, removed by `removeDataPaths` (run after each test file). */
export function makeDataPath(label: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wa-harness-${label}-`));
	createdDataPaths.add(dir);
	return dir;
}

export function removeDataPaths(): void {
	for (const dir of createdDataPaths) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
	createdDataPaths.clear();
}

/**
 * A plain whatsapp-web.js Client, configured only as the library's own docs say
 * (LocalAuth, webVersionCache none) plus the fake's Chromium flags. No sidecar code
 * runs here except the browser lookup and the base Chromium flags.
 */
export function createBareSession(
	fake: FakeWhatsAppWeb,
	options: { clientId: string; dataPath: string; takeoverOnConflict?: boolean },
): BareSession {
	const client = new Client({
		authStrategy: new LocalAuth({ clientId: options.clientId, dataPath: options.dataPath }),
		webVersionCache: { type: 'none' },
		takeoverOnConflict: options.takeoverOnConflict ?? false,
		puppeteer: {
			executablePath: resolveBrowser().executablePath,
			headless: true,
			args: [...chromiumArgs({ noSandbox: 'auto' }), ...fake.chromiumArgs],
		},
	});
	const log = new EventLog();
	log.attach(client, CLIENT_EVENTS);
	let disposed = false;
	const session: BareSession = {
		client,
		log,
		clientId: options.clientId,
		dataPath: options.dataPath,
		profileDir: path.join(options.dataPath, `session-${options.clientId}`),
		async initialize() {
			const started = client.initialize();
			// The browser exists once initialize() has launched it; a crash is only
			// visible through puppeteer, so record it like a library event.
			void waitForBrowser(client).then((browser) => {
				browser?.on('disconnected', () => log.record('browser_disconnected', []));
				// A killed Chromium stays a zombie (kill(pid, 0) still succeeds) until reaped: this is the real end.
				browser?.process()?.once('exit', (code, signal) => log.record('browser_exit', [code, signal]));
			});
			await started;
		},
		browserPid: () => client.pupBrowser?.process()?.pid ?? undefined,
		async dispose() {
			if (disposed) return;
			disposed = true;
			const pid = client.pupBrowser?.process()?.pid;
			await client.destroy().catch(() => undefined);
			// The whole group: a test may have killed only the main process, and its children
			// would go on writing into the profile while it is removed.
			if (pid) await killProcessGroup(pid);
		},
	};
	return session;
}

async function waitForBrowser(client: Client) {
	for (let i = 0; i < 600 && !client.pupBrowser; i++) await new Promise((r) => setTimeout(r, 50));
	return client.pupBrowser ?? undefined;
}

