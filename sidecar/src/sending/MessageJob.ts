import {
	ACK_NAMES,
	FINISHED_JOB_STATUSES,
	WAITING_JOB_STATUSES,
	type JobPayload,
	type JobStatus,
} from '../contract';
import type { MessageJob } from '../storage/records';
import { kindOf } from './content/messageContent';

/**
 * What a message job's statuses mean for the queue, and how the API shows a job
 * (GET /api/messages/:jobId, and the payload of its status events). The job
 * itself is a storage record (storage/records.ts).
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

/** What the API shows of a job (content without the media bytes), and what its status events carry. */
export function jobView(job: MessageJob): JobPayload {
	const media = job.content.media;
	return {
		jobId: job.id,
		session: job.session,
		to: job.to,
		status: job.status,
		campaignId: job.campaignId ?? null,
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
		sendBefore: job.notAfter ? new Date(job.notAfter).toISOString() : null,
		sentAt: job.sentAt ? new Date(job.sentAt).toISOString() : null,
		resent: job.resent,
		firstContact: job.firstContact ?? null,
		history: job.history,
		createdAt: new Date(job.createdAt).toISOString(),
		...(job.error ? { error: job.error } : {}),
		kind: kindOf(job.content),
		location: job.content.location ?? null,
		contacts: job.content.contacts ?? null,
		poll: job.content.poll ?? null,
		reaction: job.content.reaction ?? null,
		replyTo: job.content.replyTo ?? null,
		mentions: job.content.mentions ?? null,
		target: (job.content.edit ?? job.content.delete ?? job.content.forward)?.target ?? null,
		forEveryone: job.content.delete?.forEveryone ?? null,
		changes: job.changes ?? [],
		// An edit shows its new text as the job's text.
		...(job.content.edit ? { text: job.content.edit.text } : {}),
	};
}

export type JobView = JobPayload;
