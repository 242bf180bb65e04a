import fs from 'fs';
import path from 'path';
import type { ResolvedBrowser } from '../browser/resolveBrowser';
import { chromiumArgs } from '../browser/chromiumArgs';
import { proxyArgs, proxyCredentials } from '../browser/proxy';
import type { SidecarConfig } from '../config';
import { isSessionId } from '../contract';
import {
	BrowserUnavailableError,
	SessionExistsError,
	SessionIdInvalidError,
	SessionLimitReachedError,
	SessionNotFoundError,
} from '../errors';
import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import type { SessionStore } from '../storage/sessionStore';
import { sweepOrphanBrowsers } from './chrome/processes';
import { directorySize, pruneProfileCaches } from './chrome/profileCache';
import { profileDirOf, type EngineFactory } from './engine/Engine';
import { Session } from './Session';
import type { SessionConfig, SessionRecord } from './SessionStatus';

export interface SessionManagerDeps {
	config: SidecarConfig;
	store: SessionStore;
	logger: Logger;
	/** The browser sessions launch, or why there is none. */
	browser: ResolvedBrowser | { error: { code: string; message: string } };
	engineFactory: EngineFactory;
	/** Where sessions tell what happens to them; `session.deleted` is waited for (its messages and media go). */
	events: DomainEvents;
}

/** What a linked phone lists this sidecar as (Linked devices), unless a session names itself (config.deviceName). */
export const DEFAULT_DEVICE_NAME = 'n8n WhatsApp Sidecar';

/** All sessions of this sidecar: creation and deletion, limits, boot restore and shutdown. */
export class SessionManager {
	private readonly sessions = new Map<string, Session>();
	private readonly staggerTimers = new Set<NodeJS.Timeout>();
	private shuttingDown = false;
	/** LocalAuth's dataPath: every session's Chrome profile lives below it. */
	readonly authDir: string;
	/** Where WhatsApp Web pages are saved, one `<version>.html` each (SIDECAR_WEB_VERSION_CACHE=local); shared by the sessions. */
	readonly webVersionCacheDir: string;

	constructor(private readonly deps: SessionManagerDeps) {
		this.authDir = path.join(deps.config.dataDir, 'sessions');
		this.webVersionCacheDir = path.join(deps.config.dataDir, 'wwebjs-cache');
	}

	/** Kills browsers a previous run left behind, loads the registry, and restarts sessions meant to run, staggered. */
	async boot(): Promise<void> {
		fs.mkdirSync(this.authDir, { recursive: true });
		const killed = await sweepOrphanBrowsers(this.authDir, {
			log: (message, pid, profileDir) => this.deps.logger.warn({ pid, profileDir }, message),
		});
		if (killed.length) this.deps.logger.warn({ pids: killed }, 'killed orphan browsers from a previous run');
		const records = await this.deps.store.all();
		for (const record of records) this.sessions.set(record.id, this.createSession(record));
		const toStart = records.filter((r) => r.desired === 'running');
		toStart.forEach((record, index) => {
			const timer = setTimeout(() => {
				this.staggerTimers.delete(timer);
				if (this.shuttingDown) return;
				this.start(record.id, 'BOOT_RESTORE').catch((error) =>
					this.deps.logger.error({ err: error, session: record.id }, 'could not restore session at boot'),
				);
			}, index * this.deps.config.supervisor.startStaggerMs);
			this.staggerTimers.add(timer);
		});
		this.deps.logger.info({ sessions: records.length, restoring: toStart.length }, 'sessions loaded');
	}

	list(): Session[] {
		return [...this.sessions.values()];
	}

	get(id: string): Session {
		if (!isSessionId(id)) throw new SessionIdInvalidError(id);
		const session = this.sessions.get(id);
		if (!session) throw new SessionNotFoundError(id);
		return session;
	}

	/** The session, or undefined once it is deleted: for timers and callbacks, which must never throw. */
	find(id: string): Session | undefined {
		return this.sessions.get(id);
	}

	async create(id: string, config: SessionConfig): Promise<Session> {
		if (!isSessionId(id)) throw new SessionIdInvalidError(id);
		if (this.sessions.has(id)) throw new SessionExistsError(id);
		if (this.sessions.size >= this.deps.config.maxSessions) throw new SessionLimitReachedError(this.deps.config.maxSessions);
		const record: SessionRecord = {
			id,
			config,
			desired: 'stopped',
			status: 'STOPPED',
			history: [],
			createdAt: new Date().toISOString(),
		};
		const session = this.createSession(record);
		// In the map before the write, so a second create with this id is refused meanwhile; out again if the write failed.
		this.sessions.set(id, session);
		try {
			await this.deps.store.save(record);
		} catch (error) {
			if (this.sessions.get(id) === session) this.sessions.delete(id);
			throw error;
		}
		return session;
	}

	async start(id: string, reason?: string): Promise<Session> {
		const session = this.get(id);
		this.requireBrowser();
		await session.start(reason);
		return session;
	}

	async restart(id: string): Promise<Session> {
		const session = this.get(id);
		this.requireBrowser();
		await session.restart();
		return session;
	}

	/** Stops the session, removes its login data (verified) and forgets it. */
	async delete(id: string): Promise<void> {
		const session = this.get(id);
		await session.close();
		await this.removeProfile(id);
		this.sessions.delete(id);
		await this.deps.store.remove(id);
		await this.deps.events.emitAndWait({ type: 'session.deleted', session: id });
	}

	profileDir(id: string): string {
		return profileDirOf({ authDir: this.authDir, sessionId: id });
	}

	profileSize(id: string): Promise<number> {
		return directorySize(this.profileDir(id));
	}

	/** Closes every browser within the shutdown time; what sessions should do next boot is kept. */
	async shutdown(): Promise<void> {
		this.shuttingDown = true;
		for (const timer of this.staggerTimers) clearTimeout(timer);
		this.staggerTimers.clear();
		await Promise.all(this.list().map((s) => s.close()));
		await this.deps.store.flush();
	}

	private createSession(record: SessionRecord): Session {
		const { config } = this.deps;
		return new Session(record, {
			options: config.supervisor,
			logger: this.deps.logger,
			persist: (r) => {
				if (!this.sessions.has(r.id)) return; // deleted meanwhile: do not bring the record back
				this.deps.store.save(r).catch((error) => this.deps.logger.error({ err: error, session: r.id }, 'could not save session'));
			},
			wipeAuth: () => this.removeProfile(record.id),
			pruneCaches: () => pruneProfileCaches(this.profileDir(record.id)).then(() => undefined),
			clearWebVersionCache: (version) =>
				fs.promises.rm(path.join(this.webVersionCacheDir, `${path.basename(version ?? config.whatsapp.webVersion)}.html`), { force: true }),
			events: this.deps.events,
			createEngine: () =>
				this.deps.engineFactory({
					sessionId: record.id,
					authDir: this.authDir,
					chromium: {
						executablePath: this.requireBrowser().executablePath,
						args: proxyArgs(chromiumArgs({ noSandbox: config.chromium.noSandbox, extraArgs: config.chromium.extraArgs }), record.config.proxy),
					},
					webVersion: config.whatsapp.webVersion,
					webVersionCache:
						config.whatsapp.webVersionCache === 'local'
							? { type: 'local', path: this.webVersionCacheDir }
							: { type: 'none' },
					takeoverOnConflict: (record.config.conflictPolicy ?? config.supervisor.conflict.policy) === 'takeover',
					destroyTimeoutMs: config.supervisor.destroyTimeoutMs,
					proxyCredentials: proxyCredentials(record.config.proxy),
					deviceName: record.config.deviceName ?? DEFAULT_DEVICE_NAME,
					browserName: record.config.browserName,
					pairWithPhone: record.config.pairWithPhone,
				}),
		});
	}

	private requireBrowser(): ResolvedBrowser {
		const browser = this.deps.browser;
		if ('error' in browser) throw new BrowserUnavailableError(browser.error.message);
		return browser;
	}

	/** Removes a session's Chrome profile and checks it is gone (files can be busy for a moment). */
	private async removeProfile(id: string): Promise<void> {
		const dir = this.profileDir(id);
		await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		if (fs.existsSync(dir)) throw new Error(`could not remove ${dir}`);
	}
}
