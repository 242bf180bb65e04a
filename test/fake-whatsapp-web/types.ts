// Shapes shared by the fake server's parts and the tests that drive it.

/** What a page last told the server about itself (page/commands.ts pageStatus). */
export interface PageStatus {
	phone: string | null;
	/** The QR ref shown while unpaired. */
	ref: string | null;
	/** While unpaired: the phone number the page's newest pairing code is for (linking by phone number). */
	linkCodePhone?: string | null;
	/** WAWebSocketModel.Socket.state: OPENING, UNPAIRED, CONNECTED, CONFLICT, … */
	state: string;
	hasSynced: boolean;
	booted: boolean;
	/** The library has attached its message listeners (incoming traffic will reach it). */
	listening: boolean;
	url: string;
}

/** A message the library sent, as the fake "network" received it. */
export interface OutboxEntry {
	/** Serialized message id, as whatsapp-web.js reports it (`true_<chat>_<id>`). */
	id: string;
	to: string;
	type: string;
	body?: string;
	caption?: string;
	media?: { mimetype: string; filename?: string; size: number; sha256: string };
	quotedId?: string;
	// Content beyond text and media (issue 14), as the library built the message.
	/** Ids mentioned (mentionedJidList). */
	mentions?: string[];
	/** A `location` message: WhatsApp Web's lat/lng and its text under the map (name and address). */
	location?: { latitude: number; longitude: number; description?: string };
	/** A `vcard` (one) or `multi_vcard` message: the cards as vCard text. */
	vcards?: string[];
	/** A `poll_creation` message; selectableCount 1 = one answer, 0 = several. */
	poll?: { question: string; options: string[]; selectableCount: number };
	/** A forwarded message (Message.forward), and how many times it was forwarded. */
	isForwarded?: boolean;
	forwardingScore?: number;
	/** Server time (ms) the send reached the fake. */
	timestamp: number;
	/** Latest ack level: -1 error (e.g. unknown number), 1 server, 2 device, 3 read, 4 played. */
	ack: number;
}

export interface MediaInput {
	/** The file's bytes, as a Buffer or base64 text. */
	data: Buffer | string;
	mimetype: string;
	filename?: string;
}

export interface ReceiveOptions {
	/**
	 * Sender: a phone number (digits) or a WhatsApp id (`…@c.us`, `…@lid`). A phone of a
	 * LID-addressed contact (FakeWhatsAppWeb.addContact / migrateToLid) arrives from its LID.
	 */
	from: string;
	body?: string;
	media?: MediaInput;
	/** Caption for media. */
	caption?: string;
	/** Deliver into a group chat; `from` is then the participant who wrote. */
	group?: { id: string; subject?: string; participants?: string[] };
	pushname?: string;
	/** Quote an earlier message (its id part or serialized id) in this chat. */
	quotedId?: string;
}

export interface SendDecision {
	outcome: 'accept' | 'reject' | 'hang';
	ack?: number;
	/** How long after the message is on screen (ack 0) the network's answer (`ack`) comes; default 0. */
	ackAfterMs?: number;
	error?: string;
}

/** The page-side shape of a message (page/messages.ts WireMessage). */
export interface WireMessage {
	id: string;
	fromMe: boolean;
	chat: string;
	author?: string;
	pushname?: string;
	type: string;
	body?: string;
	caption?: string;
	t: number;
	ack?: number;
	media?: { directPath: string; mimetype: string; filename?: string; size: number; filehash: string };
	quoted?: { id: string; body?: string; type?: string; participant?: string };
	group?: { subject?: string; participants?: string[] };
	/** The sender's phone and LID (user parts), when the stanza carries both (sender_pn / sender_lid). */
	senderMapping?: { phone: string; lid: string };
}

/**
 * A WhatsApp Web whose modules differ from what whatsapp-web.js 1.34.7 expects, as when WhatsApp
 * ships a new Web version (page/drift.ts).
 */
export interface WebDrift {
	/** Modules the page's loader no longer knows: `window.require` throws `Requiring unknown module "…"`, as WhatsApp Web's does. */
	missingModules?: string[];
	/** Members renamed, `{'WAWebConnModel.Conn.serialize': 'serializeConn'}`: gone under the old name. */
	renamed?: Record<string, string>;
	/** The page never says it synced (no Socket `change:hasSynced`); its loading screen stops at 99 %. */
	neverSyncs?: boolean;
}

export interface FakeOptions {
	/** Value of window.Debug.VERSION. Default: whatsapp-web.js 1.34.7's pinned web version. */
	version?: string;
	/** Simulated page load time before the library can inject. Default 100 ms. */
	bootDelayMs?: number;
	/** Delay between the library subscribing and the page syncing (authenticated → ready). Default 50 ms. */
	syncDelayMs?: number;
	/** Delay between a phone logout and the page reload. Default 100 ms. */
	logoutReloadDelayMs?: number;
	/** How long a pairing code (linking by phone number) can be entered after it was shown. Default 3 minutes, WhatsApp's. */
	linkCodeLifetimeMs?: number;
	/** How long a command waits for its page to be online (and listening, for traffic). Default 15 s. */
	commandTimeoutMs?: number;
	/** How long after a restricted first contact is on screen WhatsApp refuses it (ack -1). Default 150 ms. */
	firstContactNackMs?: number;
	/** Serve a drifted WhatsApp Web (default: none). */
	drift?: WebDrift;
	/** How long after sending WhatsApp Web offers to edit a message. Default 15 minutes, WhatsApp's (phone.setChangeWindows changes it live). */
	editWindowMs?: number;
	/** How long after sending WhatsApp Web offers to delete a message for everyone. Default about 2.5 days, WhatsApp's. */
	revokeWindowMs?: number;
}
