// What the fake server passes into the page's wrapper function (see pageBundle.ts).
interface FakePageConfig {
	/** window.Debug.VERSION, which whatsapp-web.js waits for before it injects. */
	version: string;
	/** Delay before the page "finishes loading" (Debug.VERSION appears). */
	bootDelayMs: number;
	/** Delay between the library listening for `change:hasSynced` and the page syncing. */
	syncDelayMs: number;
	/** Delay between a phone logout and the reload to /?post_logout=1. */
	logoutReloadDelayMs: number;
	/** How long a pairing code links after it was shown. */
	linkCodeLifetimeMs: number;
	/** A WhatsApp Web whose modules differ from what the library expects (page/drift.ts). */
	drift?: WebDrift;
	/** How long after sending WhatsApp lets a message be edited / deleted for everyone (page/changes.ts). */
	editWindowMs?: number;
	revokeWindowMs?: number;
}

interface WebDrift {
	missingModules?: string[];
	renamed?: Record<string, string>;
	neverSyncs?: boolean;
}
declare const FAKE_CONFIG: FakePageConfig;

interface Window {
	// Real WhatsApp Web's module loader; the library uses nothing else to reach the page.
	require: (name: string) => unknown;
	Debug?: { VERSION: string };
	/** Debug handle for a human with DevTools; the tests never use it. */
	__fakeWA?: unknown;
}
