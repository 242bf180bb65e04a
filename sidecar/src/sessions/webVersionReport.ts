import fs from 'fs';
import type { SidecarConfig } from '../config';
import type { WebVersionInfo } from './engine/Engine';
import { LIBRARY_VERSION } from './engine/libraryVersion';
import type { Session } from './Session';

/** Which whatsapp-web.js and which WhatsApp Web the sidecar runs, and where that page came from (GET /api/server). */
export interface WhatsAppInfo {
	library: { name: 'whatsapp-web.js'; version: string };
	webVersion: {
		/** The version sessions ask for (SIDECAR_WEB_VERSION)… */
		requested: string;
		/** …set by that setting, or the pinned library's own default. */
		requestedFrom: 'setting' | 'default';
		/** SIDECAR_WEB_VERSION_CACHE. */
		cache: 'local' | 'none';
		/** The pages saved in wwebjs-cache, by version: the library saves each page a session logged in with. */
		cachedVersions: string[];
		/**
		 * Whether sessions load the requested version: only when its page is saved. Otherwise they load
		 * web.whatsapp.com, which serves whatever version WhatsApp ships today.
		 */
		pinned: boolean;
		/** What each running session's page runs, and whether it came from the cache or from web.whatsapp.com (`remote`). */
		sessions: Record<string, WebVersionInfo>;
	};
}

export function whatsAppInfo(config: SidecarConfig['whatsapp'], cacheDir: string, sessions: Session[]): WhatsAppInfo {
	const cachedVersions = config.webVersionCache === 'local' ? savedVersions(cacheDir) : [];
	const running: Record<string, WebVersionInfo> = {};
	for (const session of sessions) {
		const web = session.currentEngine()?.webVersion();
		if (web) running[session.id] = web;
	}
	return {
		library: { name: 'whatsapp-web.js', version: LIBRARY_VERSION },
		webVersion: {
			requested: config.webVersion,
			requestedFrom: config.webVersionFrom,
			cache: config.webVersionCache,
			cachedVersions,
			pinned: cachedVersions.includes(config.webVersion),
			sessions: running,
		},
	};
}

function savedVersions(dir: string): string[] {
	try {
		return fs
			.readdirSync(dir)
			.filter((name) => name.endsWith('.html'))
			.map((name) => name.slice(0, -'.html'.length))
			.sort();
	} catch {
		return []; // not made yet: nothing saved
	}
}
