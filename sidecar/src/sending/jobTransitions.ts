import type { JobStatus } from '../contract';
import { AckError, FirstContactRestrictedError } from '../errors';
import type { SentMessage } from '../sessions/engine/Engine';
import type { MessageJob } from '../storage/records';
import { kindOf } from './content/messageContent';
import { statusForAck } from './MessageJob';

const HISTORY_LIMIT = 50;

/** Changes a job's status and notes it in its history (the caller persists). */
export function markJob(job: MessageJob, status: JobStatus, extra: { ack?: number; detail?: string } = {}): void {
	job.status = status;
	job.history.push({ at: new Date().toISOString(), status, ...extra });
	if (job.history.length > HISTORY_LIMIT) job.history.splice(1, job.history.length - HISTORY_LIMIT);
}

export function failJob(job: MessageJob, code: string, message: string): void {
	job.error = { code, message };
	job.notBefore = undefined;
	markJob(job, 'failed', { detail: code });
}

/**
 * The sidecar cannot know whether the message went out (a send that never
 * answered, or a crash in the middle of one): the job says so and is never sent
 * again. The one way a job becomes `uncertain`.
 */
export function markUncertain(job: MessageJob, code: string, message: string): void {
	job.error = { code, message };
	job.notBefore = undefined;
	markJob(job, 'uncertain', { detail: code });
}

/**
 * The library returned: the message has a WhatsApp id. An ack may already have
 * come in for it (the AckTracker holds those until the id is known), so the
 * status follows the highest ack seen.
 */
export function recordSent(job: MessageJob, sent: SentMessage): void {
	// A reaction, edit or deletion has no id of its own (whatsapp-web.js returns none): sent, and nothing to follow.
	if (sent.id !== null) job.messageIds.push(sent.id);
	job.sentAt = Date.now();
	job.error = undefined;
	job.notBefore = undefined;
	job.ack = Math.max(job.ack ?? 0, sent.ack);
	markJob(job, statusForAck(job.ack), { ack: job.ack, detail: sent.id ?? `${kindOf(job.content)} sent` });
}

/**
 * Applies an ack; returns false when it changes nothing (a repeat or an older
 * level arriving late). An error ack (-1) counts even after a lower level.
 */
export function applyAck(job: MessageJob, ack: number): boolean {
	const current = job.ack ?? 0;
	if (ack >= 0 && ack <= current && job.ack !== null) return false;
	if (ack < 0 && job.ack === -1) return false;
	job.ack = ack;
	if (ack < 0) {
		// WhatsApp says no more than -1; to someone who never wrote first, that is its first-contact limit.
		const error = job.firstContact ? new FirstContactRestrictedError() : new AckError();
		job.error = { code: error.code, message: error.message };
	}
	// A job being sent again (after `undelivered`) keeps its place: recordSent() settles a send under
	// way, and a resend still waiting goes ahead unless the first message turns out delivered.
	const resending = job.status === 'queued' || job.status === 'scheduled';
	if (job.status === 'sending' || (resending && ack >= 0 && ack < 2)) {
		job.history.push({ at: new Date().toISOString(), status: job.status, ack, detail: 'ack for an earlier send' });
		return true;
	}
	markJob(job, statusForAck(ack), { ack });
	return true;
}

/** Opt-outs (issue 15): the job is not sent, on purpose (its contact opted out); final, and never an error of the send. */
export function skipJob(job: MessageJob, code: string, message: string): void {
	job.error = { code, message };
	job.notBefore = undefined;
	markJob(job, 'skipped', { detail: code });
}
