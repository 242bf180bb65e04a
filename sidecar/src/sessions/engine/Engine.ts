/**
 * The engine interface: what the supervisor, the HTTP layer and most tests know
 * about a WhatsApp Web session. WwebjsEngine implements it with whatsapp-web.js and
 * puppeteer; tests script it (test/support/scriptedEngine.ts).
 */

export interface AccountInfo {
	/** The logged-in account, e.g. `6281234567890@c.us`. */
	wid: string;
	pushname?: string;
	platform?: string;
}

/** How a browser went away without the library noticing (it emits nothing for these). */
export type BrowserFailure = 'BROWSER_CRASHED' | 'PAGE_CRASHED' | 'PAGE_CLOSED';

export type EngineEvent =
	| { type: 'qr'; qr: string }
	| { type: 'authenticated' }
	| { type: 'ready'; account: AccountInfo }
	/** WhatsApp Web's connection state (CONNECTED, OPENING, CONFLICT, TIMEOUT, …). */
	| { type: 'state'; state: string }
	/** The library gave up on the session: LOGOUT, UNPAIRED, CONFLICT, TOS_BLOCK, … */
	| { type: 'disconnected'; reason: string }
	| { type: 'browserGone'; failure: BrowserFailure; detail?: string };

export interface EngineStopOutcome {
	/** destroy() finished within its time limit. */
	destroyed: boolean;
	/** The browser's process group had to be killed. */
	killed: boolean;
}

export interface WhatsAppEngine {
	/** The one listener (the session's supervisor); events stop once stop() begins. */
	onEvent(listener: (event: EngineEvent) => void): void;
	/** Launches the browser and initializes; resolves once a QR is shown or the login is being restored. */
	start(): Promise<void>;
	/** Bounded: detaches listeners, destroys within the time limit, then kills whatever is left. Never throws. */
	stop(): Promise<EngineStopOutcome>;
	/** Unlinks this device from the phone and removes the login data; the engine is stopped afterwards. */
	logout(): Promise<void>;
	/** A liveness probe: the connection state, read through a round trip to the page, within `timeoutMs`. */
	probe(timeoutMs: number): Promise<{ state: string | null }>;
	screenshot(): Promise<Buffer>;
	browserPid(): number | undefined;
	/** Listeners this engine holds on the client, browser, page and process (for leak tests). */
	listenerCount(): number;
}

export interface EngineOptions {
	sessionId: string;
	/** LocalAuth's dataPath; the Chrome profile is `<authDir>/session-<sessionId>`. */
	authDir: string;
	chromium: { executablePath: string; args: string[] };
	webVersion: string;
	/** `local` keeps WhatsApp Web's page in this folder; `none` loads it from the network. */
	webVersionCache: { type: 'local'; path: string } | { type: 'none' };
	takeoverOnConflict: boolean;
	destroyTimeoutMs: number;
}

export type EngineFactory = (options: EngineOptions) => WhatsAppEngine;

export function profileDirOf(options: Pick<EngineOptions, 'authDir' | 'sessionId'>): string {
	return `${options.authDir}/session-${options.sessionId}`;
}
