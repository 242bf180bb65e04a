import type { ContactCard, GroupEvent, LocationContent, MessageAddresses, MessagePayload, PollContent, ReactionContent } from '../../contract';
import type { ChatsEngine } from './chatTypes';
import type { GroupOperations } from './groupTypes';

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

/** What the send queue hands the engine: text, or media bytes with an optional caption. */
export interface OutgoingMessage {
	text?: string;
	media?: { mimetype: string; data: Buffer; filename?: string };
	caption?: string;
	/** Show "typing…" this long before sending (pacing's typing simulation). */
	typingMs?: number;
	// Further kinds (issue 14): one of text, media, location, contacts, poll, reaction; engine/outgoingContent.ts maps them.
	location?: LocationContent;
	contacts?: ContactCard[];
	poll?: PollContent;
	/** An emoji on a message (empty: remove this account's reaction); not a message of its own. */
	reaction?: ReactionContent;
	/** Quote this WhatsApp message id. */
	replyTo?: string;
	/** WhatsApp user ids to mention. */
	mentions?: string[];
	// Changes to a sent message, and forwards (issue 14; engine/messageChanges.ts): one of these instead of content.
	edit?: { messageId: string; text: string };
	delete?: { messageId: string; forEveryone: boolean };
	/** Forward this message (any the page has) to the chat the message is sent to. */
	forward?: { messageId: string };
}

export interface SentMessage {
	/** WhatsApp's serialized message id (`true_<chat>_<id>`); null for a reaction, which the library gives no id or acks. */
	id: string | null;
	ack: number;
}

/** What this account's chat with someone holds, as WhatsApp Web knows it. */
export interface ChatHistory {
	chatExists: boolean;
	/** A message from them is in the chat: they have written to this number. */
	theyWrote: boolean;
}

/** An ack on a message this account sent: 1 server, 2 device, 3 read, 4 played, -1 error. */
export interface MessageAck {
	messageId: string;
	ack: number;
	chatId: string;
	fromMe: boolean;
	/** Text (or caption) of the message, for matching a send whose outcome a crash hid. */
	body?: string;
}

/**
 * A message that appeared in a chat (from a contact, or sent by this account from another
 * device): the fields of the contract's `message` payload, before the sidecar kept its media.
 */
export interface IncomingMessage extends Omit<MessagePayload, 'session' | 'media' | keyof MessageAddresses> {
	/** What WhatsApp says of the media (sender-supplied, not trusted). */
	media?: { mimetype?: string; filename?: string; size?: number };
	/** Fetches the media bytes through the page (only when `media` is set). */
	downloadMedia?: () => Promise<{ mimetype: string; data: Buffer; filename?: string }>;
}

/** A user's two addresses: `lid` as `…@lid`, `phone` as digits (E.164 without the plus). */
export interface UserAddresses {
	lid: string | null;
	phone: string | null;
}

export type EngineEvent =
	| { type: 'qr'; qr: string }
	/** A pairing code to type on the phone (linking by phone number), the sibling of `qr`. */
	| { type: 'pairingCode'; code: string }
	| { type: 'authenticated' }
	| { type: 'ready'; account: AccountInfo }
	/** WhatsApp Web's connection state (CONNECTED, OPENING, CONFLICT, TIMEOUT, …). */
	| { type: 'state'; state: string }
	/** The library gave up on the session: LOGOUT, UNPAIRED, CONFLICT, TOS_BLOCK, … */
	| { type: 'disconnected'; reason: string }
	| { type: 'browserGone'; failure: BrowserFailure; detail?: string }
	| { type: 'ack'; ack: MessageAck }
	/** WhatsApp Web's loading screen moved (the sync after a login): progress towards `ready`. */
	| { type: 'loading'; percent: number }
	| { type: 'message'; message: IncomingMessage }
	/** Someone joined or left a group, was promoted or demoted, or the group changed (groups). */
	| { type: 'group'; event: GroupEvent }
	/** Someone reacted to, edited, deleted a message, or voted in a poll (chatActivity.ts). */
	| { type: 'activity'; activity: ChatActivity }
	/** Someone is calling this account. */
	| { type: 'call'; call: IncomingCall };

// ---- What people do to messages, and calls (i14-events)

/** Who did it, to which message, in which chat: the fields every activity has. */
interface ActivityBase {
	/** The message it is about (the poll, for a vote): WhatsApp's serialized id. */
	messageId: string;
	chatId: string;
	/** Who did it (`…@c.us` or `…@lid`). */
	sender: string;
	fromMe: boolean;
	/** Unix seconds. */
	timestamp: number;
}

export type ChatActivity =
	| (ActivityBase & { kind: 'reaction'; emoji: string; reactionId: string })
	| (ActivityBase & { kind: 'edit'; text: string; previousText: string | null })
	| (ActivityBase & { kind: 'revoke'; for: 'everyone' | 'me'; previousText: string | null })
	| (ActivityBase & { kind: 'vote'; pollName: string | null; selectedOptions: string[] });

export interface IncomingCall {
	id: string;
	from: string;
	isVideo: boolean;
	isGroup: boolean;
	/** Unix seconds. */
	timestamp: number;
	/** Declines the call through the page (the caller sees it declined). */
	reject(): Promise<void>;
}

/** The WhatsApp Web a session's page runs, and where that page came from. */
export interface WebVersionInfo {
	/** The page's own version (window.Debug.VERSION); null until the page said it. */
	version: string | null;
	/** `cache`: the saved page of the requested version (wwebjs-cache); `remote`: web.whatsapp.com, whatever version WhatsApp serves now. */
	source: 'cache' | 'remote';
}

export interface EngineStopOutcome {
	/** destroy() finished within its time limit. */
	destroyed: boolean;
	/** The browser's process group had to be killed. */
	killed: boolean;
}

/** ChatsEngine: chats, presence and contact profiles (chatTypes.ts). */
export interface WhatsAppEngine extends ChatsEngine {
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
	/** A PNG of the page; undefined while there is no WhatsApp Web page (still starting, or gone). */
	screenshot(): Promise<Buffer | undefined>;
	/** Sends through the page; resolves with the message id once WhatsApp Web has the message. */
	sendMessage(chatId: string, message: OutgoingMessage): Promise<SentMessage>;
	/** The WhatsApp user id of a phone number (digits only), or null when it is not on WhatsApp. */
	numberId(number: string): Promise<string | null>;
	/**
	 * Both addresses of a user (`<phone>@c.us` or `<lid>@lid`), as WhatsApp tells them: the
	 * linked id and the phone number (digits). Either is null when WhatsApp does not say.
	 */
	lidAndPhone(userId: string): Promise<UserAddresses>;
	/** The chat with this id, read without creating it (first-contact checks). */
	chatHistory(chatId: string): Promise<ChatHistory>;
	/** The WhatsApp Web this engine's page runs; undefined before start() loads one. */
	webVersion(): WebVersionInfo | undefined;
	/** Why the page is not getting ready, in words (what WhatsApp Web lacks, or what it is doing); never throws. */
	diagnose(): Promise<string>;
	/**
	 * Asks WhatsApp Web for a pairing code for `phone` (international digits) while the page waits
	 * for a login; resolves with the code, which also arrives as a `pairingCode` event, and is
	 * renewed every PAIRING_CODE_INTERVAL_MS while nobody types it. Never call it on a linked
	 * session: WhatsApp can take it as a new link and unlink the live device.
	 */
	requestPairingCode(phone: string): Promise<string>;
	browserPid(): number | undefined;
	/** Listeners this engine holds on the client, browser, page and process (for leak tests). */
	listenerCount(): number;
	/** Group management (create, info, participants, settings, invite links, join, leave). */
	readonly groups: GroupOperations;
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
	/** The proxy's login, for the page only (puppeteer's page.authenticate): never on the command line, which has only the server. */
	proxyCredentials?: { username: string; password: string };
	/** What the phone lists under Linked devices, and the browser name beside it. */
	deviceName?: string;
	browserName?: string;
	/** Log in with pairing codes for this number (international digits) instead of QRs. */
	pairWithPhone?: string;
}

/** How often WhatsApp Web's pairing code is renewed while nobody types it (the library's default, WhatsApp's own). */
export const PAIRING_CODE_INTERVAL_MS = 180_000;

export type EngineFactory = (options: EngineOptions) => WhatsAppEngine;

export function profileDirOf(options: Pick<EngineOptions, 'authDir' | 'sessionId'>): string {
	return `${options.authDir}/session-${options.sessionId}`;
}
