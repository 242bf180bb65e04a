import {
	ACK_NAMES,
	FINISHED_JOB_STATUSES,
	WAITING_JOB_STATUSES,
	type JobPayload,
	type JobStatus,
	type Lane,
} from '../contract';

/**
 * A message job: one accepted send request, from acceptance to its last ack.
 * This is what the queue persists (one keyv entry per job) and what
 * GET /api/messages/:jobId answers.
 */

/** Jobs the queue still has to send. */
export const WAITING_STATUSES: ReadonlySet<JobStatus> = new Set(WAITING_JOB_STATUSES);
/** Jobs that will never be sent (again). */
export const FINISHED_STATUSES: ReadonlySet<JobStatus> = new Set(FINISHED_JOB_STATUSES);

/** The job status an ack level means (0 = still pending at the server: the page has it, `sent` from our side). */
export function statusForAck(ack: number): JobStatus {
	if (ack < 0) return 'failed';
	if (ack >= 4) return 'played';
	if (ack === 3) return 'read';
	if (ack === 2) return 'delivered';
	return 'sent';
}

/** Media as the job keeps it: a URL fetched at send time, or bytes kept beside the job (JobStore media). */
export type JobMedia =
	| { kind: 'url'; url: string; filename?: string }
	| { kind: 'stored'; mimetype: string; filename?: string; size: number };

export interface JobContent {
	text?: string;
	media?: JobMedia;
	caption?: string;
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

export interface MessageJob {
	id: string;
	/** Acceptance order across the sidecar; the queue sends in this order per recipient. */
	seq: number;
	session: string;
	/** The WhatsApp chat id the message goes to (`…@c.us` or `…@g.us`). */
	to: string;
	content: JobContent;
	reference?: unknown;
	idempotencyKey?: string;
	/** What the request asked for (requestFingerprint): a reused idempotency key must ask for the same. */
	fingerprint?: string;
	lane: Lane;
	checkNumber: boolean;
	status: JobStatus;
	/** The highest ack seen (null before the message was sent). */
	ack: number | null;
	/** WhatsApp ids of the sent message (two when an undelivered message was sent again). */
	messageIds: string[];
	attempts: number;
	/** When the job may be tried again (a passing failure), or first tried (`sendAt`). */
	notBefore?: number;
	/** When the last send attempt began: a crash after this moment makes the job `uncertain`. */
	attemptStartedAt?: number;
	sentAt?: number;
	resent: boolean;
	error?: JobError;
	history: JobHistoryEntry[];
	createdAt: number;
	updatedAt: number;
}

/** What the API shows of a job (content without the media bytes), and what its status events carry. */
export function jobView(job: MessageJob): JobPayload {
	const media = job.content.media;
	return {
		jobId: job.id,
		session: job.session,
		to: job.to,
		status: job.status,
		ack: job.ack,
		ackName: job.ack === null ? null : (ACK_NAMES[job.ack] ?? String(job.ack)),
		messageId: job.messageIds.at(-1) ?? null,
		messageIds: job.messageIds,
		reference: job.reference ?? null,
		idempotencyKey: job.idempotencyKey ?? null,
		lane: job.lane,
		text: job.content.text ?? null,
		caption: job.content.caption ?? null,
		media: media
			? media.kind === 'url'
				? { url: media.url, filename: media.filename ?? null }
				: { mimetype: media.mimetype, filename: media.filename ?? null, size: media.size }
			: null,
		attempts: job.attempts,
		sendAt: job.status === 'scheduled' && job.notBefore ? new Date(job.notBefore).toISOString() : null,
		sentAt: job.sentAt ? new Date(job.sentAt).toISOString() : null,
		resent: job.resent,
		history: job.history,
		createdAt: new Date(job.createdAt).toISOString(),
		...(job.error ? { error: job.error } : {}),
	};
}

export type JobView = JobPayload;
