import type { CampaignPayload } from './campaigns';
import { GROUP_EVENT_TYPES, type GroupEventPayloads, type GroupEventType } from './groups';
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
	// Groups (contract/groups.ts)
	...GROUP_EVENT_TYPES,
	// What people do to messages, and calls (i14-events)
	'message.reaction',
	'message.edited',
	'message.revoked',
	'poll.vote',
	'call',
	// sendBefore (issue 15)
	'message.expired',
	// Opt-outs (issue 15)
	'message.skipped',
	'contact.opted_out',
	'contact.opted_in',
	// Campaigns (issue 15)
	'campaign.progress',
	'campaign.finished',
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
	return (JOB_EVENTS as readonly string[]).includes(event.type) ? (event.payload as JobPayload) : undefined;
}

/** The sessions an event concerns: its own, or every number of a campaign (issue 15), for subscriptions filtered by session. */
export function sessionsOfEvent(event: EventEnvelope): string[] {
	if (event.type === 'campaign.progress' || event.type === 'campaign.finished') return event.payload.sessions;
	return [event.session];
}

/** The events whose payload is a message job. */
const JOB_EVENTS = [
	'message.queued',
	'message.ack',
	'message.undelivered',
	'message.failed',
	'message.uncertain',
	'message.expired',
	'message.skipped',
] as const;

/** The chat an event concerns: a message's chat, a job's recipient, a caller; none for session events. */
export function chatOfEvent(event: EventEnvelope): string | undefined {
	// A group event is about its group: a `groups: false` filter leaves it out, a `chats` filter can name it.
	if (isGroupEvent(event)) return event.payload.groupId;
	if (event.type === 'call') return event.payload.from;
	const payload = event.payload as Partial<MessagePayload>;
	return typeof payload.chatId === 'string' ? payload.chatId : jobOfEvent(event)?.to;
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
	/** The campaign the message belongs to (issue 15), null for a message sent on its own. */
	campaignId: string | null;
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
	/** ISO time after which the message is never sent (it ends `expired`); null: no deadline. */
	sendBefore: string | null;
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
	// Edits, deletions and forwards (issue 14): the message they change or forward (null: another kind).
	/** The message an edit or a deletion changes (with the job that sent it), or the one a forward sends on (jobId null). */
	target: ChangeTarget | null;
	/** A deletion: for everyone (true) or only on this account's devices (false); null for other kinds. */
	forEveryone: boolean | null;
	/** Edits and deletions of this job's message that went out, oldest first (empty when none). */
	changes: MessageChange[];
}

/** An edit or deletion of a sent message, as its job shows it. */
export interface MessageChange {
	/** The edit or delete job. */
	jobId: string;
	kind: 'edit' | 'delete';
	/** When WhatsApp took the change (ISO time). */
	at: string;
	/** An edit's new text. */
	text?: string;
	/** A deletion for everyone (true) or for this account only (false). */
	forEveryone?: boolean;
}

/** The message an edit, a deletion or a forward is about. */
export interface ChangeTarget {
	/** The job that sent it (null: a message the sidecar did not send, e.g. a received one being forwarded). */
	jobId: string | null;
	messageId: string;
}

// ---- Message content kinds (issue 14): what a sent message carries; edit, delete and forward change or pass on another message.
export const MESSAGE_KINDS = ['text', 'media', 'location', 'contacts', 'poll', 'reaction', 'edit', 'delete', 'forward'] as const;
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

// ---- What people do to messages, and calls (i14-events)

/**
 * Who did something to a message, and which message: shared by reactions, edits, deletions and
 * poll votes. `sender` is whoever reacted, edited, deleted or voted (this account: `fromMe`).
 */
export interface MessageActivityPayload extends MessageAddresses {
	/** The message it is about: the one reacted to, edited or deleted; the poll voted in. */
	messageId: string;
	/** The chat, as in a `message` event (`…@c.us`, `…@lid`, a group's `…@g.us`). */
	chatId: string;
	/** Who did it (`…@c.us` or `…@lid`). */
	sender: string;
	fromMe: boolean;
	isGroup: boolean;
	/** Unix seconds. */
	timestamp: number;
	/** When the sidecar sent that message: the reference its send request gave (else null). */
	reference: unknown;
	/** When the sidecar sent that message: its job (GET /api/messages/:jobId), else null. */
	jobId: string | null;
	session: string;
}

/** Someone reacted to a message; `emoji` is empty (and `removed` true) when they took their reaction back. */
export interface ReactionPayload extends MessageActivityPayload {
	emoji: string;
	removed: boolean;
	/** The reaction's own message id. */
	reactionId: string;
}

/** Someone edited a message they sent. */
export interface MessageEditedPayload extends MessageActivityPayload {
	/** The new text (or caption). */
	text: string;
	/** The text before, when WhatsApp Web still had it; null otherwise. */
	previousText: string | null;
}

/** A message was deleted: for everyone (by its sender, or a group admin), or by this account for itself only. */
export interface MessageRevokedPayload extends MessageActivityPayload {
	for: 'everyone' | 'me';
	/** The text it had, when WhatsApp Web still had it; null otherwise. */
	previousText: string | null;
}

/** Someone voted in a poll (`messageId` is the poll's); no options selected: they took their vote back. */
export interface PollVotePayload extends MessageActivityPayload {
	/** The poll's question, when known. */
	pollName: string | null;
	/** The names of the options they have selected now (all of them: a vote replaces the one before). */
	selectedOptions: string[];
}

/** Someone is calling this account. */
export interface CallPayload {
	callId: string;
	/** The caller (`…@c.us` or `…@lid`); send a message to it to answer in writing. */
	from: string;
	/** The caller's phone number (digits with country code), null when WhatsApp does not tell it. */
	fromPhone: string | null;
	fromLid?: string;
	isVideo: boolean;
	/** A group call. */
	isGroup: boolean;
	/** Unix seconds. */
	timestamp: number;
	/** The session's `calls.autoReject` setting declined it. */
	rejected: boolean;
	/** The job of the message `calls.message` queued to the caller, else null. */
	replyJobId: string | null;
	session: string;
}

/** Group events' payloads live in contract/groups.ts. */
export interface EventPayloads extends GroupEventPayloads {
	message: MessagePayload;
	'message.queued': JobPayload;
	'message.ack': JobPayload;
	'message.undelivered': JobPayload;
	'message.failed': JobPayload;
	'message.uncertain': JobPayload;
	'session.status': SessionStatusPayload;
	'session.qr': QrPayload;
	'session.pairing_code': PairingCodePayload;
	'message.reaction': ReactionPayload;
	'message.edited': MessageEditedPayload;
	'message.revoked': MessageRevokedPayload;
	'poll.vote': PollVotePayload;
	call: CallPayload;
	'message.expired': JobPayload;
	'message.skipped': JobPayload;
	'contact.opted_out': OptOutPayload;
	'contact.opted_in': OptOutPayload;
	'campaign.progress': CampaignPayload;
	'campaign.finished': CampaignPayload;
}

export function isGroupEvent(event: EventEnvelope): event is EventEnvelope<GroupEventType> {
	return (GROUP_EVENT_TYPES as readonly string[]).includes(event.type);
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
	expired: 'message.expired',
	skipped: 'message.skipped',
};

// ---- Opt-outs (issue 15)
/** `contact.opted_out` / `contact.opted_in`: a contact wrote an opt-out (or START) keyword, or the API changed the list. */
export interface OptOutPayload {
	/** Who the list holds: phone digits, or the LID when the phone is not known. */
	contact: string;
	/** The phone digits, when known. */
	phone: string | null;
	session: string;
	/** The keyword the contact wrote (normalized), or null when changed through the API. */
	keyword: string | null;
	/** The WhatsApp id of the message that carried the keyword, or null. */
	messageId: string | null;
}
