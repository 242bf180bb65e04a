import type {
	ChatHistory,
	EngineEvent,
	EngineFactory,
	EngineOptions,
	EngineStopOutcome,
	OutgoingMessage,
	SentMessage,
	UserAddresses,
	WebVersionInfo,
	WhatsAppEngine,
} from '../../sidecar/src/sessions/engine/Engine';
import type { ChatMessagesPage, ChatSummary, ContactProfileInfo, PresenceState } from '../../sidecar/src/sessions/engine/chatTypes';
import { ScriptedGroups } from './scriptedGroups';

/**
 * An engine the test drives by hand: it records what the supervisor asked of it,
 * and `emit` plays the events a real browser would produce. `start()` resolves at
 * once unless the test sets `startWith` (to fail, or to hang until `finishStart()`).
 * Like the real engine, it has no page to screenshot until `start()` has finished.
 */
export class ScriptedEngine implements WhatsAppEngine {
	listener?: (event: EngineEvent) => void;
	started = false;
	stopped = false;
	loggedOut = false;
	/** What start() does: resolve (default), reject, or never settle. */
	startWith: 'resolve' | 'reject' | 'hang' = 'resolve';
	/** The error message a rejected start gives (the library's words, e.g. a Chromium net:: error). */
	startError = 'scripted start failure';
	/** What probe() does. */
	probeWith: { state: string } | 'hang' | 'throw' = { state: 'CONNECTED' };
	probes = 0;
	/** Messages sent through this engine, in order. */
	readonly sent: Array<{ chatId: string; message: OutgoingMessage; id: string }> = [];
	/** What sendMessage() does: accept (default), reject with this message, or never settle. */
	sendWith: 'accept' | 'hang' | { reject: string } = 'accept';
	/** The ack sendMessage() answers with: 1 (the server has it) by default; 0 when the page has it but the server has not said so yet. */
	sendAck = 1;
	/** Numbers numberId() reports as not on WhatsApp. */
	readonly unregistered = new Set<string>();
	/** Chat ids chatHistory() reports as never having written (first contacts); every other chat has. */
	readonly firstContacts = new Set<string>();
	/** What webVersion() reports once started. */
	web: WebVersionInfo = { version: '2.3000.1017054665', source: 'remote' };
	/** What diagnose() answers. */
	diagnosis = 'scripted diagnosis';
	/** Group management: records calls, answers canned groups (test/support/scriptedGroups.ts). */
	readonly groups = new ScriptedGroups();

	constructor(readonly options: EngineOptions) {}

	onEvent(listener: (event: EngineEvent) => void): void {
		this.listener = listener;
	}

	private releaseStart?: () => void;
	private pageShown = false;

	async start(): Promise<void> {
		this.started = true;
		if (this.startWith === 'reject') throw new Error(this.startError);
		if (this.startWith === 'hang') await new Promise<void>((resolve) => (this.releaseStart = resolve));
		this.pageShown = true;
	}

	/** Lets a start that hangs finish. */
	finishStart(): void {
		this.releaseStart?.();
	}

	async stop(): Promise<EngineStopOutcome> {
		this.stopped = true;
		this.listener = undefined;
		return { destroyed: true, killed: false };
	}

	async logout(): Promise<void> {
		this.loggedOut = true;
		await this.stop();
	}

	async probe(): Promise<{ state: string | null }> {
		this.probes += 1;
		if (this.probeWith === 'hang') return new Promise(() => undefined);
		if (this.probeWith === 'throw') throw new Error('scripted probe failure');
		return this.probeWith;
	}

	async screenshot(): Promise<Buffer | undefined> {
		if (!this.pageShown || this.stopped) return undefined;
		return Buffer.from('89504e470d0a1a0a', 'hex');
	}

	async sendMessage(chatId: string, message: OutgoingMessage): Promise<SentMessage> {
		if (this.sendWith === 'hang') return new Promise(() => undefined);
		if (typeof this.sendWith === 'object') throw new Error(this.sendWith.reject);
		const id = `true_${chatId}_SCRIPTED${this.sent.length + 1}`;
		this.sent.push({ chatId, message, id });
		// A reaction, an edit or a deletion has no message id of its own, as with whatsapp-web.js.
		return message.reaction || message.edit || message.delete ? { id: null, ack: 0 } : { id, ack: this.sendAck };
	}

	async numberId(number: string): Promise<string | null> {
		return this.unregistered.has(number) ? null : `${number}@c.us`;
	}

	/** What lidAndPhone() answers per user id; unlisted: a phone id's own number and no LID. */
	readonly addresses = new Map<string, UserAddresses>();
	/** 'hang': lidAndPhone() never answers (a page that does not respond). */
	lookupWith: 'answer' | 'hang' = 'answer';
	/** The user ids lidAndPhone() was asked about, in order. */
	readonly lookups: string[] = [];

	async lidAndPhone(userId: string): Promise<UserAddresses> {
		this.lookups.push(userId);
		if (this.lookupWith === 'hang') return new Promise(() => undefined);
		return this.addresses.get(userId) ?? { lid: null, phone: userId.endsWith('@c.us') ? userId.split('@')[0] : null };
	}

	async chatHistory(chatId: string): Promise<ChatHistory> {
		return this.firstContacts.has(chatId) ? { chatExists: false, theyWrote: false } : { chatExists: true, theyWrote: true };
	}

	webVersion(): WebVersionInfo | undefined {
		return this.pageShown ? { ...this.web } : undefined;
	}

	async diagnose(): Promise<string> {
		return this.diagnosis;
	}

	/** The numbers pairing codes were asked for, in order. */
	readonly pairingRequests: string[] = [];
	/** What requestPairingCode() does: answer with a new code (announced first as a `pairingCode` event, as the library does), reject, or never settle. */
	pairingCodeWith: 'answer' | 'hang' | { reject: string } = 'answer';

	async requestPairingCode(phone: string): Promise<string> {
		this.pairingRequests.push(phone);
		if (this.pairingCodeWith === 'hang') return new Promise(() => undefined);
		if (typeof this.pairingCodeWith === 'object') throw new Error(this.pairingCodeWith.reject);
		const code = `CODE${String(this.pairingRequests.length).padStart(4, '0')}`;
		this.emit({ type: 'pairingCode', code });
		return code;
	}

	browserPid(): number | undefined {
		return this.stopped ? undefined : 4242;
	}

	// ---- Chats, presence and contact profiles: scripted chats, calls recorded
	/** The chats this engine has (findChat answers those), and what each call did. */
	readonly chats: ChatSummary[] = [];
	readonly chatCalls: Array<{ call: string; id: string; arg?: unknown }> = [];

	async findChat(chatId: string): Promise<string | null> {
		return this.chats.find((c) => c.id === chatId)?.id ?? null;
	}
	async listChats(): Promise<ChatSummary[]> {
		return this.chats.map((c) => ({ ...c }));
	}
	async markChatRead(chatId: string): Promise<void> {
		this.chatCalls.push({ call: 'read', id: chatId });
	}
	async setChatPresence(chatId: string, state: PresenceState): Promise<void> {
		this.chatCalls.push({ call: 'presence', id: chatId, arg: state });
	}
	async chatMessages(chatId: string, options: { limit: number; before?: string }): Promise<ChatMessagesPage> {
		this.chatCalls.push({ call: 'messages', id: chatId, arg: options });
		return { messages: [], hasMore: false };
	}
	async setChatArchived(chatId: string, archived: boolean): Promise<void> {
		this.chatCalls.push({ call: archived ? 'archive' : 'unarchive', id: chatId });
	}
	async muteChat(chatId: string, until?: number): Promise<{ muted: boolean; muteExpiration: number }> {
		this.chatCalls.push({ call: 'mute', id: chatId, arg: until });
		return { muted: true, muteExpiration: until ?? -1 };
	}
	async unmuteChat(chatId: string): Promise<{ muted: boolean; muteExpiration: number }> {
		this.chatCalls.push({ call: 'unmute', id: chatId });
		return { muted: false, muteExpiration: 0 };
	}
	async contactProfile(contactId: string): Promise<ContactProfileInfo> {
		this.chatCalls.push({ call: 'profile', id: contactId });
		return { id: contactId, name: null, pushname: null, profilePictureUrl: null, about: null, isBusiness: false, business: null, isBlocked: false };
	}
	async setContactBlocked(contactId: string, blocked: boolean): Promise<void> {
		this.chatCalls.push({ call: blocked ? 'block' : 'unblock', id: contactId });
	}
	async messageMedia(): Promise<null> {
		return null;
	}

	listenerCount(): number {
		return this.listener ? 1 : 0;
	}

	emit(event: EngineEvent): void {
		this.listener?.(event);
	}
}

/** A factory that keeps every engine it made, newest last, and lets the test prepare the next one. */
export function scriptedEngines(): {
	factory: EngineFactory;
	engines: ScriptedEngine[];
	latest(): ScriptedEngine;
	prepareNext(setup: (engine: ScriptedEngine) => void): void;
} {
	const engines: ScriptedEngine[] = [];
	let nextSetup: ((engine: ScriptedEngine) => void) | undefined;
	return {
		engines,
		factory: (options) => {
			const engine = new ScriptedEngine(options);
			nextSetup?.(engine);
			engines.push(engine);
			return engine;
		},
		latest: () => engines[engines.length - 1],
		prepareNext: (setup) => {
			nextSetup = setup;
		},
	};
}
