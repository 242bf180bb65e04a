import { JOB_STATUSES, type JobStatus, type Lane, type SessionStatus } from './statuses';

/**
 * The events the sidecar delivers to its subscribers (the n8n triggers), each
 * in one envelope; the body of a webhook delivery is exactly one envelope.
 */
export const EVENT_TYPES = [
	'message',
	'message.queued',
	'message.ack',
	'message.undelivered',
	'message.failed',
	'message.uncertain',
	'session.status',
	'session.qr',
	'session.pairing_code',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What a subscription's `events` may hold: event types, or '*' for all of them. */
export type EventSelector = EventType | '*';

/** One event (a union over the types, so `type` tells the payload apart). */
export type EventEnvelope<T extends EventType = EventType> = T extends EventType
	? {
			/** Unique, time-sortable, the same on every retry of a delivery (receivers can skip repeats by it). */
			id: string;
			type: T;
			session: string;
			/** ISO time the event was published. */
			timestamp: string;
			payload: EventPayloads[T];
		}
	: never;

/** The message job a status event is about (undefined for other events). */
export function jobOfEvent(event: EventEnvelope): JobPayload | undefined {
	if (event.type === 'message' || event.type === 'session.status' || event.type === 'session.qr') return undefined;
	if (event.type === 'session.pairing_code') return undefined;
	return event.payload;
}

/** The chat an event concerns: a message's chat, a job's recipient; none for session events. */
export function chatOfEvent(event: EventEnvelope): string | undefined {
	return event.type === 'message' ? event.payload.chatId : jobOfEvent(event)?.to;
}

/**
 * Who a message is from and which chat it is in, as phone numbers. WhatsApp addresses more
 * and more people by a linked id (`…@lid`) instead of `<phone>@c.us`: `sender` and `chatId`
 * are then LIDs, and these say the phone number behind them when WhatsApp tells it.
 */
export interface MessageAddresses {
	/** The sender's phone number: digits with the country code, no `+` (`628123456789`); null when WhatsApp does not tell it (a LID sender who hides their number). */
	senderPhone: string | null;
	/** The sender's linked id (`…@lid`), when known. */
	senderLid?: string;
	/** The chat's phone number for a one-to-one chat (as `senderPhone`); null for groups and when unknown. */
	chatPhone: string | null;
	/** The chat's linked id (`…@lid`) for a one-to-one chat, when known. */
	chatLid?: string;
}

/** A message that appeared in one of the session's chats (someone wrote, or the phone itself sent one). */
export interface MessagePayload extends MessageAddresses {
	id: string;
	/** The chat, as WhatsApp addresses it: `<phone>@c.us`, `<lid>@lid` or a group's `…@g.us`; reply to this. */
	chatId: string;
	/** Who wrote it, as WhatsApp gave it: the contact, or in a group the member (`…@c.us` or `…@lid`). */
	sender: string;
	fromMe: boolean;
	pushName?: string;
	type: string;
	/** Text, or a media message's caption. */
	text?: string;
	/** Unix seconds, as WhatsApp stamps it. */
	timestamp: number;
	isGroup: boolean;
	group?: { id: string; name?: string };
	quoted?: { id?: string; text?: string };
	session: string;
	media: ReceivedMedia | null;
}

export interface ReceivedMedia {
	mimetype?: string;
	filename?: string | null;
	size?: number;
	/** Where the bytes can be fetched (with the API key) for the retention period; null when they could not be kept. */
	url: string | null;
	/** The bytes, when small enough to travel inside the event. */
	base64: string | null;
	error?: 'MEDIA_TOO_LARGE' | 'MEDIA_DOWNLOAD_FAILED';
}

/** A message job as the API shows it (GET /api/messages/:jobId) and as its status events carry it. */
export interface JobPayload {
	jobId: string;
	session: string;
	to: string;
	status: JobStatus;
	ack: number | null;
	ackName: string | null;
	messageId: string | null;
	messageIds: string[];
	/** Exactly what the send request gave (null: none). */
	reference: unknown;
	idempotencyKey: string | null;
	lane: Lane;
	text: string | null;
	caption: string | null;
	media: { url: string; filename: string | null } | { mimetype: string; filename: string | null; size: number } | null;
	attempts: number;
	sendAt: string | null;
	sentAt: string | null;
	resent: boolean;
	/**
	 * Whether the recipient had never written to this number when the message went out (no chat with a
	 * message from them): WhatsApp limits such messages. null: not known (not sent yet, a group, or the page could not say).
	 */
	firstContact: boolean | null;
	history: Array<{ at: string; status: JobStatus; ack?: number; detail?: string }>;
	createdAt: string;
	error?: { code: string; message: string };
	// What the message carries beyond text and media (issue 14): its kind, and the fields of that kind (null: not this kind).
	kind: MessageKind;
	location: LocationContent | null;
	contacts: ContactCard[] | null;
	poll: PollContent | null;
	reaction: ReactionContent | null;
	/** The WhatsApp message id this message quotes (a reply), null when none. */
	replyTo: string | null;
	/** Who the message mentions, as WhatsApp ids (`…@c.us`, `…@lid`); null when nobody. */
	mentions: string[] | null;
}

// ---- Message content kinds (issue 14): what a sent message carries. Further kinds (edit, delete, forward) add here.
export const MESSAGE_KINDS = ['text', 'media', 'location', 'contacts', 'poll', 'reaction'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface LocationContent {
	/** Decimal degrees, -90 to 90. */
	latitude: number;
	/** Decimal degrees, -180 to 180. */
	longitude: number;
	name: string | null;
	address: string | null;
}

/** A contact card (vCard) built from a name and a phone number (digits with the country code). */
export interface ContactCard {
	name: string;
	phone: string;
}

export interface PollContent {
	question: string;
	options: string[];
	/** Voters may pick several options (false: one). */
	multiple: boolean;
}

/** An emoji on a message; an empty emoji removes this account's reaction. */
export interface ReactionContent {
	messageId: string;
	emoji: string;
}

export interface SessionStatusPayload {
	status: SessionStatus;
	/** A code (QR_TIMEOUT, LOGOUT, START_FAILED, …), null when none applies. */
	reason: string | null;
	/** What the code does not say: the library's or the browser's own words (e.g. net::ERR_NAME_NOT_RESOLVED). */
	detail?: string | null;
}

export interface QrPayload {
	raw: string;
	dataUrl: string;
	expiresAt: string;
	count: number;
}

/** A code to type on the phone (WhatsApp → Linked devices → Link with phone number instead), the sibling of a QR. */
export interface PairingCodePayload {
	/** 8 characters, as WhatsApp shows them (the phone accepts them with or without a dash after the fourth). */
	code: string;
	/** The number (international, digits only) whose phone must type it. */
	phone: string;
	/** When WhatsApp will have replaced it with a new one (a new event comes then). */
	expiresAt: string;
	/** How many codes this start has shown so far. */
	count: number;
}

export interface EventPayloads {
	message: MessagePayload;
	'message.queued': JobPayload;
	'message.ack': JobPayload;
	'message.undelivered': JobPayload;
	'message.failed': JobPayload;
	'message.uncertain': JobPayload;
	'session.status': SessionStatusPayload;
	'session.qr': QrPayload;
	'session.pairing_code': PairingCodePayload;
}

/**
 * The event a message job's status is announced with. `sending` and `cancelled`
 * have none; `sent`, `delivered`, `read` and `played` are all acks. A status is
 * announced once: a later ack that keeps the status (pending → sent at the
 * server) is not a new event.
 */
/** `sending` is a moment, `cancelled` is the workflow's own doing: neither is announced. */
export type AnnouncedJobStatus = Exclude<JobStatus, 'sending' | 'cancelled'>;
export const ANNOUNCED_JOB_STATUSES = JOB_STATUSES.filter(
	(status): status is AnnouncedJobStatus => status !== 'sending' && status !== 'cancelled',
) as [AnnouncedJobStatus, ...AnnouncedJobStatus[]];

export const EVENT_OF_JOB_STATUS: Record<AnnouncedJobStatus, EventType> & Partial<Record<JobStatus, EventType>> = {
	queued: 'message.queued',
	scheduled: 'message.queued',
	sent: 'message.ack',
	delivered: 'message.ack',
	read: 'message.ack',
	played: 'message.ack',
	failed: 'message.failed',
	undelivered: 'message.undelivered',
	uncertain: 'message.uncertain',
};
