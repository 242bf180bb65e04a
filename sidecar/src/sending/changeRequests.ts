import { messageIdParts } from '../contacts/userIds';
import { JobNotSentError, MessageIdInvalidError, MessageNotEditableError } from '../errors';
import type { MessageJob } from '../storage/records';
import type { SendRequest } from './acceptJob';
import { kindOf } from './content/messageContent';

/**
 * Edits, deletions and forwards become send requests for the queue, like any message: an edit or
 * a deletion goes to the chat of the message it changes (after it, in that chat's order), on the
 * session that sent it; a forward goes to `to`. Jobs carry what they change as `target`.
 */

/** What every follow-up request may carry, as a send request does. */
export interface FollowUpOptions {
	idempotencyKey?: string;
	reference?: unknown;
}

/** Kinds whose text WhatsApp lets its sender change (a text, a media message's caption). */
const EDITABLE = new Set(['text', 'media']);
/** Jobs whose message is no message of its own (WhatsApp gives it no id): nothing to edit or delete. */
const NO_MESSAGE = new Set(['reaction', 'edit', 'delete']);

export function editRequest(job: MessageJob, text: string, options: FollowUpOptions): SendRequest {
	const kind = kindOf(job.content);
	const messageId = sentMessageOf(job, 'edit');
	if (!EDITABLE.has(kind)) throw new MessageNotEditableError(job.id, kind);
	return { to: job.to, edit: { target: { jobId: job.id, messageId }, text }, ...options };
}

export function deleteRequest(job: MessageJob, forEveryone: boolean, options: FollowUpOptions): SendRequest {
	const messageId = sentMessageOf(job, 'delete');
	return { to: job.to, delete: { target: { jobId: job.id, messageId }, forEveryone }, ...options };
}

export function forwardRequest(
	messageId: string,
	request: FollowUpOptions & { to: string; lane?: SendRequest['lane']; checkNumber?: boolean },
): SendRequest {
	const id = messageId.trim();
	if (!messageIdParts(id)) throw new MessageIdInvalidError('messageId', messageId);
	const { to, ...rest } = request;
	return { to, forward: { target: { jobId: null, messageId: id } }, ...rest };
}

/** The WhatsApp message a job sent (the newest, when an undelivered one was sent again). */
function sentMessageOf(job: MessageJob, action: 'edit' | 'delete'): string {
	const kind = kindOf(job.content);
	if (NO_MESSAGE.has(kind)) {
		throw new JobNotSentError(job.id, job.status, action, `it is a ${kind}, which is no message of its own in the chat`);
	}
	const messageId = job.messageIds.at(-1);
	if (!messageId) throw new JobNotSentError(job.id, job.status, action);
	return messageId;
}
