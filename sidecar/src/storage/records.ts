import type { CampaignState, CampaignStrategy, ChangeTarget, ContactCard, MessageChange, JobStatus, Lane, LocationContent, PollContent, ReactionContent, SessionStatus } from '../contract';

/**
 * What the stores keep: the shapes written to disk. They are declared here, not
 * by the parts that use them (sessions/, sending/), so storage depends on no
 * part above it; a test holds storage to that (test/sidecar/storage/layering.test.ts).
 */

// ---- sessions

export interface StatusChange {
	at: string;
	from: SessionStatus;
	to: SessionStatus;
	/** A stable code (START_FAILED, QR_TIMEOUT, …). */
	reason?: string;
	/** What the code does not say: the library's or the browser's own words. */
	detail?: string;
}

/** The last failure a session restarted from or gave up on; kept after the session recovers. */
export interface SessionFailure {
	reason: string;
	detail: string | null;
	at: string;
}

export interface SessionConfig {
	/** What to do when WhatsApp is opened in another browser: wait it out, or take the session back. */
	conflictPolicy?: 'wait' | 'takeover';
	/** How this session's messages are paced, as the API accepted it; sending/pacing/PacingConfig.ts reads it (defaults for what is missing). */
	pacing?: Record<string, unknown>;
	/**
	 * The proxy this session's browser goes through. `server` (scheme://host:port) goes on
	 * Chromium's command line; the credentials only to the page (browser/proxy.ts), and the API
	 * never shows the password.
	 */
	proxy?: { server: string; username?: string; password?: string };
	/** What the phone lists under Linked devices (the library's deviceName; a default names the product). */
	deviceName?: string;
	/** The browser name shown beside it (the library's browserName; default: Chrome). */
	browserName?: string;
	/** Link with a pairing code for this number (international, digits) instead of a QR. */
	pairWithPhone?: string;
	/** What to do with incoming calls (events/IncomingCalls.ts); unset: they ring on the phone as usual. */
	calls?: CallSettings;
}

/** A session's answer to incoming calls: decline them, and tell the caller this `message`. */
export interface CallSettings {
	autoReject: boolean;
	message?: string;
}

/** What the registry keeps per session (survives restarts of the sidecar). */
export interface SessionRecord {
	id: string;
	config: SessionConfig;
	/** Whether the session should run; on boot, sessions meant to run start again. */
	desired: 'running' | 'stopped';
	status: SessionStatus;
	reason?: string;
	detail?: string;
	lastError?: SessionFailure;
	history: StatusChange[];
	/** `linkedAt`: when this account was linked through a QR (ISO time). */
	account?: { wid: string; pushname?: string; platform?: string; linkedAt?: string };
	createdAt: string;
}

// ---- message jobs

/** Media as the job keeps it: a URL fetched at send time, or bytes kept beside the job (JobStore media). */
export type JobMedia =
	| { kind: 'url'; url: string; filename?: string }
	| { kind: 'stored'; mimetype: string; filename?: string; size: number };

export interface JobContent {
	text?: string;
	media?: JobMedia;
	caption?: string;
	// Further kinds (issue 14); a job has one of text, media, location, contacts, poll, reaction (sending/content/).
	location?: LocationContent;
	contacts?: ContactCard[];
	poll?: PollContent;
	reaction?: ReactionContent;
	/** The WhatsApp message id quoted (a reply). */
	replyTo?: string;
	/** WhatsApp user ids mentioned. */
	mentions?: string[];
	// Changes to a message already sent, and forwards (issue 14): a job has one of these instead of content.
	/** New text (or caption) for a message this sidecar sent. */
	edit?: { target: ChangeTarget; text: string };
	/** Delete a message this sidecar sent: for everyone, or on this account's devices only. */
	delete?: { target: ChangeTarget; forEveryone: boolean };
	/** Send a message this session's WhatsApp has (received or sent) on to the job's chat. */
	forward?: { target: ChangeTarget };
}

export interface JobHistoryEntry {
	at: string;
	status: JobStatus;
	ack?: number;
	detail?: string;
}

export interface JobError {
	code: string;
	message: string;
}

/**
 * A message job: one accepted send request, from acceptance to its last ack.
 * This is what the queue persists (one keyv entry per job); sending/MessageJob.ts
 * says what its statuses mean and how the API shows it.
 */
export interface MessageJob {
	id: string;
	/** Acceptance order across the sidecar; the queue sends in this order per recipient. */
	seq: number;
	session: string;
	/** The WhatsApp chat id the message goes to (`…@c.us` or `…@g.us`). */
	to: string;
	content: JobContent;
	reference?: unknown;
	/** The campaign this message belongs to (issue 15); unset for a message sent on its own. */
	campaignId?: string;
	idempotencyKey?: string;
	/** What the request asked for (requestFingerprint): a reused idempotency key must ask for the same. */
	fingerprint?: string;
	lane: Lane;
	checkNumber: boolean;
	status: JobStatus;
	/**
	 * The status last announced for this job. A status is announced once (an ack
	 * that keeps the job `sent` is not news), and kept on disk so a restart does
	 * not announce it again.
	 */
	announcedStatus?: JobStatus;
	/** The highest ack seen (null before the message was sent). */
	ack: number | null;
	/** WhatsApp ids of the sent message (two when an undelivered message was sent again). */
	messageIds: string[];
	attempts: number;
	/** When the job may be tried again (a passing failure), or first tried (`sendAt`). */
	notBefore?: number;
	/** sendBefore (issue 15): not sent by this time, the job ends `expired` and is never sent. */
	notAfter?: number;
	/** When the last send attempt began: a crash after this moment makes the job `uncertain`. */
	attemptStartedAt?: number;
	sentAt?: number;
	resent: boolean;
	/** Edits and deletions of this job's message that went out (issue 14). */
	changes?: MessageChange[];
	/** Whether the recipient had never written to this number at the last send attempt (unset: not known). */
	firstContact?: boolean;
	error?: JobError;
	history: JobHistoryEntry[];
	createdAt: number;
	updatedAt: number;
}

// ---- linked ids

/**
 * One person's two addresses as one session's WhatsApp told them: a linked id
 * (`…@lid`) and the phone number behind it (digits). Kept so a restart still
 * knows who a LID sender is without asking the page again.
 */
export interface LidRecord {
	session: string;
	lid: string;
	phone: string;
	learnedAt: string;
}

// ---- opt-outs (issue 15)

export interface OptOutRecord {
	/** Whose list: null for the list shared by all sessions, else the session's own list. */
	list: string | null;
	/** Who: phone digits, or `<lid>@lid` when the phone is not known. */
	contact: string;
	phone: string | null;
	lid: string | null;
	/** The session the opt-out came through (null: added through the API without one). */
	session: string | null;
	/** Why: the keyword written ("keyword: STOP"), or what the API caller gave. */
	reason: string | null;
	keyword: string | null;
	messageId: string | null;
	at: string;
}

// ---- campaigns (issue 15)

/** A campaign: its settings and state. Its messages are ordinary jobs carrying its id (MessageJob.campaignId). */
export interface CampaignRecord {
	id: string;
	name: string;
	sessions: string[];
	strategy: CampaignStrategy;
	template?: string;
	sendAfter?: string;
	sendBefore?: string;
	checkNumber?: boolean;
	/** The campaign's own idempotency key (given, or derived from the request): the same request again is this campaign. */
	idempotencyKey: string;
	/** What the request asked for: a reused key must ask for the same. */
	fingerprint: string;
	state: CampaignState;
	/** Messages the request held (after dropping repeated recipients). */
	total: number;
	duplicatesDropped: number;
	createdAt: string;
	finishedAt?: string;
	/** campaign.finished was announced (kept so a restart does not announce it again). */
	finishAnnounced?: boolean;
}

/** Which number a contact gets (sticky across campaigns): replies land where the conversation is. */
export interface ContactAssignment {
	/** The recipient's chat id. */
	contact: string;
	session: string;
	at: string;
}
