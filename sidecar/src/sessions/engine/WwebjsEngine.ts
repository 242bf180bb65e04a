import fs from 'fs';
import path from 'path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { Client, type Message } from 'whatsapp-web.js';
import { findProcessesUsingProfile, isPidAlive, killProcessGroup } from '../chrome/processes';
import { releaseStaleProfileLock } from '../chrome/profileLock';
import { settlesWithin, withTimeout } from '../../util/withTimeout';
import { readChatHistory } from './chatHistory';
import * as chats from './chats';
import type { ChatMessagesPage, ChatSummary, ContactProfileInfo, PresenceState } from './chatTypes';
import * as contacts from './contactProfile';
import type {
	ChatHistory,
	EngineEvent,
	EngineOptions,
	EngineStopOutcome,
	OutgoingMessage,
	SentMessage,
	UserAddresses,
	WebVersionInfo,
	WhatsAppEngine,
} from './Engine';
import { PAIRING_CODE_INTERVAL_MS, profileDirOf } from './Engine';
import { incomingMessage } from './incomingMessage';
import { GROUP_LIBRARY_EVENTS, groupEventOf } from './groupEvents';
import { WwebjsGroups } from './groups';
import { attachChatActivity } from './attachChatActivity';
import { sendOutgoing } from './outgoingContent';
import { LIBRARY } from './libraryVersion';
import { supervisedLocalAuth } from './SupervisedLocalAuth';
import { describeProbe, isIncompatible, probeWebPage, WEB_REQUIREMENTS, type WebProbe } from './webCompatibility';
import { WebVersionIncompatibleError } from './WebVersionIncompatibleError';

/** whatsapp-web.js's own default, set explicitly so a library default change cannot surprise us. */
const USER_AGENT =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.67 Safari/537.36';
const BROWSER_EXIT_GRACE_MS = 3_000;
const PROBE_TIMEOUT_MS = 10_000;
/** The page the library loads; only a failure there can be WhatsApp Web's doing (not a network error page). */
const WHATSAPP_WEB = 'https://web.whatsapp.com/';
const CLIENT_EVENTS = [
	'qr',
	'code',
	'authenticated',
	'ready',
	'change_state',
	'disconnected',
	'auth_failure',
	'message_ack',
	'message_create',
	'loading_screen',
	...GROUP_LIBRARY_EVENTS,
	// what people do to messages, and calls (chatActivity.ts)
	'message_reaction',
	'message_edit',
	'message_revoke_everyone',
	'message_revoke_me',
	'vote_update',
	'call',
] as const;

/**
 * The only place that touches whatsapp-web.js and puppeteer.
 *
 * The engine launches Chromium itself and lets the library connect to it, so it
 * holds the browser from the first moment: a crash (which the library never
 * reports) is seen at once, and the process group can always be killed.
 */
export class WwebjsEngine implements WhatsAppEngine {
	private listener?: (event: EngineEvent) => void;
	private client?: Client;
	private browser?: Browser;
	private page?: Page;
	private pid?: number;
	private stopping?: Promise<EngineStopOutcome>;
	private loggedOut = false;
	private web?: WebVersionInfo;
	private readonly profileDir: string;
	readonly groups = new WwebjsGroups(() => this.readyClient());

	constructor(private readonly options: EngineOptions) {
		this.profileDir = path.resolve(profileDirOf(options));
	}

	onEvent(listener: (event: EngineEvent) => void): void {
		this.listener = listener;
	}

	async start(): Promise<void> {
		// A lock left by a killed Chromium, or by another container on a kept volume, blocks the launch.
		await releaseStaleProfileLock(this.profileDir);
		const browser = await puppeteer.launch({
			executablePath: this.options.chromium.executablePath,
			headless: true,
			userDataDir: this.profileDir,
			defaultViewport: null,
			args: [...this.options.chromium.args, '--disable-blink-features=AutomationControlled'],
			// The sidecar handles signals itself; puppeteer's handlers would add listeners per launch.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		this.browser = browser;
		this.pid = browser.process()?.pid;
		if (this.stopping) {
			// stop() ran while the browser was launching and had nothing to kill yet.
			if (this.pid) await killProcessGroup(this.pid);
			throw new Error('the engine was stopped while starting');
		}
		browser.on('disconnected', this.onBrowserDisconnected);

		const client = new Client({
			authStrategy: supervisedLocalAuth(
				{ clientId: this.options.sessionId, dataPath: path.resolve(this.options.authDir) },
				() => this.loggedOut || this.stopping !== undefined,
			),
			puppeteer: { browserWSEndpoint: browser.wsEndpoint() },
			userAgent: USER_AGENT,
			webVersion: this.options.webVersion,
			webVersionCache: this.options.webVersionCache,
			takeoverOnConflict: this.options.takeoverOnConflict,
			takeoverTimeoutMs: 0,
			qrMaxRetries: 0, // the supervisor counts QRs itself
			...this.loginOptions(),
		});
		this.client = client;
		this.attachClient(client);
		this.web = { version: null, source: this.cachedPageExists() ? 'cache' : 'remote' };
		try {
			await client.initialize();
		} catch (error) {
			throw await this.explainStartFailure(client, error);
		}
		this.web.version = await client.getWWebVersion().catch(() => null);

		// The library opened its own tab (through its own connection, so its Page objects are not
		// ours); the launch's blank tab only costs memory.
		for (const page of await browser.pages()) {
			if (page.url() === 'about:blank') await page.close().catch(() => undefined);
		}
		this.page = client.pupPage ?? undefined;
		this.page?.on('error', this.onPageCrash);
		this.page?.on('close', this.onPageClose);
		if (!browser.connected) this.onBrowserDisconnected();
	}

	stop(): Promise<EngineStopOutcome> {
		this.stopping ??= this.shutdown();
		return this.stopping;
	}

	async logout(): Promise<void> {
		const client = this.client;
		this.listener = undefined; // the logout's own disconnect is expected, not news
		if (client) await withTimeout(client.logout(), this.options.destroyTimeoutMs, 'logout');
		await this.stop();
	}

	async probe(timeoutMs: number): Promise<{ state: string | null }> {
		const client = this.client;
		if (!client || !this.browser?.connected) throw new Error('the browser is not running');
		const state = await withTimeout(client.getState(), timeoutMs, 'the WhatsApp Web page');
		return { state: state ?? null };
	}

	async screenshot(): Promise<Buffer | undefined> {
		// The page is the library's, known once initialize() has finished: not while the session is STARTING.
		if (!this.page || this.page.isClosed()) return undefined;
		return Buffer.from(await withTimeout(this.page.screenshot({ type: 'png' }), 15_000, 'screenshot'));
	}

	async sendMessage(chatId: string, message: OutgoingMessage): Promise<SentMessage> {
		const client = this.readyClient();
		if (message.typingMs) await this.showTyping(client, chatId, message.typingMs);
		return sendOutgoing(client, chatId, message);
	}

	async numberId(number: string): Promise<string | null> {
		const wid = await this.readyClient().getNumberId(number);
		return wid ? wid._serialized : null;
	}

	async lidAndPhone(userId: string): Promise<UserAddresses> {
		// The library asks the page (WWebJS.enforceLidAndPnRetrieval: WAWebApiContact, then a
		// usync query when the page does not know). Its typings say strings; an unknown half
		// comes back missing, and an unknown user as {}.
		const [found] = await this.readyClient().getContactLidAndPhone([userId]);
		const lid = typeof found?.lid === 'string' && found.lid.endsWith('@lid') ? found.lid : null;
		const pn = typeof found?.pn === 'string' ? found.pn.split('@')[0] : '';
		return { lid, phone: /^\d+$/.test(pn) ? pn : null };
	}

	async chatHistory(chatId: string): Promise<ChatHistory> {
		const page = this.readyClient().pupPage;
		if (!page) throw new Error('the browser is not running');
		return page.evaluate(readChatHistory, chatId);
	}

	webVersion(): WebVersionInfo | undefined {
		return this.web && { ...this.web };
	}

	async diagnose(): Promise<string> {
		const probe = await this.probeWeb(this.client);
		return probe ? this.describe(probe) : 'the WhatsApp Web page did not answer';
	}

	async requestPairingCode(phone: string): Promise<string> {
		// showNotification: WhatsApp tells the phone a code is waiting to be typed.
		return String(await this.readyClient().requestPairingCode(phone, true, PAIRING_CODE_INTERVAL_MS));
	}

	browserPid(): number | undefined {
		return this.pid;
	}

	// ---- Chats, presence and contact profiles (chats.ts, contactProfile.ts)
	findChat(chatId: string): Promise<string | null> {
		return chats.findChat(this.readyClient(), chatId);
	}
	listChats(): Promise<ChatSummary[]> {
		return chats.listChats(this.readyClient());
	}
	markChatRead(chatId: string): Promise<void> {
		return chats.markChatRead(this.readyClient(), chatId);
	}
	setChatPresence(chatId: string, state: PresenceState): Promise<void> {
		return chats.setChatPresence(this.readyClient(), chatId, state);
	}
	chatMessages(chatId: string, options: { limit: number; before?: string }): Promise<ChatMessagesPage> {
		return chats.chatMessages(this.readyClient(), chatId, options);
	}
	setChatArchived(chatId: string, archived: boolean): Promise<void> {
		return chats.setChatArchived(this.readyClient(), chatId, archived);
	}
	muteChat(chatId: string, until?: number): Promise<{ muted: boolean; muteExpiration: number }> {
		return chats.muteChat(this.readyClient(), chatId, until);
	}
	unmuteChat(chatId: string): Promise<{ muted: boolean; muteExpiration: number }> {
		return chats.unmuteChat(this.readyClient(), chatId);
	}
	messageMedia(messageId: string): Promise<{ mimetype: string; data: Buffer; filename?: string } | null> {
		return chats.messageMedia(this.readyClient(), messageId);
	}
	contactProfile(contactId: string): Promise<ContactProfileInfo> {
		return contacts.contactProfile(this.readyClient(), contactId);
	}
	setContactBlocked(contactId: string, blocked: boolean): Promise<void> {
		return contacts.setContactBlocked(this.readyClient(), contactId, blocked);
	}

	listenerCount(): number {
		const client = this.client;
		const onClient = client ? CLIENT_EVENTS.reduce((sum, e) => sum + client.listenerCount(e), 0) : 0;
		const onBrowser = this.browser?.listenerCount('disconnected') ?? 0;
		const onPage = (this.page?.listenerCount('error') ?? 0) + (this.page?.listenerCount('close') ?? 0);
		return onClient + onBrowser + onPage;
	}

	private incoming: Promise<void> = Promise.resolve();

	/** The library's options for how this device logs in and what the phone calls it. */
	private loginOptions() {
		const { proxyCredentials, deviceName, browserName, pairWithPhone } = this.options;
		return {
			// puppeteer's page.authenticate on the library's page: the proxy's 407 is answered there.
			...(proxyCredentials ? { proxyAuthentication: proxyCredentials } : {}),
			// The library wraps WAWebMiscBrowserUtils.info(), which WhatsApp Web reports when it links.
			...(deviceName ? { deviceName } : {}),
			...(browserName ? { browserName } : {}),
			// No QR at all: the library asks for a pairing code as soon as the page wants a login.
			...(pairWithPhone
				? { pairWithPhoneNumber: { phoneNumber: pairWithPhone, showNotification: true, intervalMs: PAIRING_CODE_INTERVAL_MS } }
				: {}),
		};
	}

	private readyClient(): Client {
		if (!this.client || this.stopping || !this.browser?.connected) throw new Error('the browser is not running');
		return this.client;
	}

	/** Typing is decoration: if WhatsApp Web refuses it, the message still goes. */
	private async showTyping(client: Client, chatId: string, ms: number): Promise<void> {
		try {
			const chat = await client.getChatById(chatId);
			await chat.sendStateTyping();
			await new Promise((resolve) => setTimeout(resolve, ms));
			await chat.clearState();
		} catch {
			// ignored on purpose
		}
	}

	private attachClient(client: Client): void {
		client.on('qr', (qr: string) => this.emit({ type: 'qr', qr }));
		client.on('code', (code: string) => this.emit({ type: 'pairingCode', code: String(code) }));
		client.on('authenticated', () => this.emit({ type: 'authenticated' }));
		client.on('ready', () =>
			this.emit({
				type: 'ready',
				account: { wid: client.info.wid._serialized, pushname: client.info.pushname, platform: client.info.platform },
			}),
		);
		client.on('change_state', (state: string) => this.emit({ type: 'state', state }));
		client.on('disconnected', (reason: string) => {
			// Set before the library's own post-logout steps run (see SupervisedLocalAuth).
			if (reason === 'LOGOUT') this.loggedOut = true;
			this.emit({ type: 'disconnected', reason: String(reason) });
		});
		client.on('message_ack', (message: Message, ack: number) => {
			this.emit({
				type: 'ack',
				ack: {
					messageId: message.id._serialized,
					ack: Number(ack),
					chatId: message.fromMe ? message.to : message.from,
					fromMe: message.fromMe,
					body: message.body || undefined,
				},
			});
		});
		// message_create covers both directions: contacts' messages and this account's own from the phone.
		client.on('message_create', (message: Message) => {
			// Our own sends through the API are among them; IncomingMessages tells them apart (the send queue knows their ids).
			// Reading a group's name is asynchronous: a chain keeps the messages in their order.
			this.incoming = this.incoming
				.then(() => incomingMessage(message))
				.then((incoming) => this.emit({ type: 'message', message: incoming }))
				.catch(() => undefined);
		});
		// Group notifications (gp2): in the same chain as messages, so a join and the member's first message keep their order.
		for (const name of GROUP_LIBRARY_EVENTS) {
			client.on(name, (notification) => {
				this.incoming = this.incoming
					.then(() => groupEventOf(client, name, notification))
					.then((event) => event && this.emit({ type: 'group', event }))
					.catch(() => undefined);
			});
		}
		attachChatActivity(client, (event) => this.emit(event));
		client.on('loading_screen', (percent: number) => this.emit({ type: 'loading', percent: Number(percent) }));
		// LocalAuth never fails a restore, but a future strategy could: treat it like a failed start.
		client.on('auth_failure', (message: string) =>
			this.emit({ type: 'browserGone', failure: 'PAGE_CLOSED', detail: `auth failure: ${message}` }),
		);
	}

	/** With a `local` cache, the library serves the saved page of the requested version when it has one. */
	private cachedPageExists(): boolean {
		const cache = this.options.webVersionCache;
		return cache.type === 'local' && fs.existsSync(path.join(cache.path, `${this.options.webVersion}.html`));
	}

	/**
	 * A failed initialize(): when WhatsApp Web's page loaded but lacks what the library needs, the
	 * failure is a version incompatibility, named by what is missing. Anything else (a network error
	 * page, a browser that went away) stays as the library said it. The library throws strings too
	 * ('auth timeout').
	 */
	private async explainStartFailure(client: Client, error: unknown): Promise<Error> {
		const failure = error instanceof Error ? error : new Error(String(error));
		const page = client.pupPage;
		if (this.stopping || !page || page.isClosed() || !page.url().startsWith(WHATSAPP_WEB)) return failure;
		const probe = await this.probeWeb(client);
		if (!probe || !isIncompatible(probe)) return failure;
		return new WebVersionIncompatibleError(`${this.describe(probe)}; the library said: ${failure.message}`);
	}

	private async probeWeb(client: Client | undefined): Promise<WebProbe | undefined> {
		const page = client?.pupPage;
		if (!page || page.isClosed() || !this.browser?.connected) return undefined;
		try {
			const probe = await withTimeout(page.evaluate(probeWebPage, WEB_REQUIREMENTS), PROBE_TIMEOUT_MS, 'the WhatsApp Web page');
			if (this.web && probe.version) this.web.version = probe.version;
			return probe;
		} catch {
			return undefined;
		}
	}

	private describe(probe: WebProbe): string {
		const from = this.web?.source === 'cache' ? 'the page saved in wwebjs-cache' : 'web.whatsapp.com';
		return `${describeProbe(probe, LIBRARY)} (loaded from ${from})`;
	}

	private emit(event: EngineEvent): void {
		if (!this.stopping) this.listener?.(event);
	}

	private readonly onBrowserDisconnected = () =>
		this.emit({ type: 'browserGone', failure: 'BROWSER_CRASHED', detail: 'the browser process went away' });

	private readonly onPageCrash = (error: Error) =>
		this.emit({ type: 'browserGone', failure: 'PAGE_CRASHED', detail: error.message });

	private readonly onPageClose = () => this.emit({ type: 'browserGone', failure: 'PAGE_CLOSED' });

	private async shutdown(): Promise<EngineStopOutcome> {
		this.listener = undefined;
		this.client?.removeAllListeners();
		this.browser?.off('disconnected', this.onBrowserDisconnected);
		this.page?.off('error', this.onPageCrash);
		this.page?.off('close', this.onPageClose);

		const destroyed = this.client
			? await settlesWithin(this.client.destroy(), this.options.destroyTimeoutMs)
			: !this.browser?.connected;
		// After a clean close Chromium needs a moment to exit and remove its lock files:
		// killing it then would leave them behind.
		if (destroyed) await this.browserExited(BROWSER_EXIT_GRACE_MS);
		let killed = false;
		if (this.pid) {
			killed = isPidAlive(this.pid);
			// The whole group, even when the main process is already gone (a crash, a kill from
			// outside): its children can outlive it for a while, still writing into the profile.
			await killProcessGroup(this.pid);
		}
		for (const straggler of findProcessesUsingProfile(this.profileDir)) await killProcessGroup(straggler);
		// Our own connection to the browser is gone with it; make sure puppeteer lets go too.
		if (this.browser?.connected) await this.browser.disconnect().catch(() => undefined);
		return { destroyed, killed };
	}

	private browserExited(ms: number): Promise<void> {
		const child = this.browser?.process();
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return settlesWithin(new Promise((resolve) => child.once('exit', resolve)), ms).then(() => undefined);
	}
}
