import { SidecarError } from './SidecarError';

/** Errors of editing and deleting messages the sidecar sent (issue 14). */

/** The job has no WhatsApp message to change: not sent yet, never sent, or a job that sends no message of its own. */
export class JobNotSentError extends SidecarError {
	constructor(jobId: string, status: string, action: 'edit' | 'delete', why?: string) {
		super(
			'JOB_NOT_SENT',
			`The message ${jobId} cannot be ${action === 'edit' ? 'edited' : 'deleted'}: ${why ?? `it is ${status} and has no WhatsApp message yet`}. ` +
				'Only a message that went out can be changed; a message still waiting to go can be cancelled with DELETE /api/messages/<jobId>.',
			{ status },
		);
	}
}

export class MessageNotEditableError extends SidecarError {
	constructor(jobId: string, kind: string) {
		super(
			'MESSAGE_NOT_EDITABLE',
			`The message ${jobId} is a ${kind}: WhatsApp lets you edit only a text, or the caption of a photo, video or document. ` +
				'Delete it and send a new one instead.',
			{ kind },
		);
	}
}

/** Kept on an edit job: WhatsApp Web no longer offers to edit the message (its edit window passed). */
export class EditWindowExpiredError extends SidecarError {
	constructor(messageId: string) {
		super(
			'EDIT_WINDOW_EXPIRED',
			`WhatsApp no longer lets the message ${messageId} be edited: a message can be edited only for about 15 minutes after it was sent ` +
				'(and not once it was deleted). The message stays as it was; send a correction as a new message.',
			{ messageId },
		);
	}
}

/** Kept on a delete job: WhatsApp Web no longer offers to delete the message for everyone. */
export class DeleteWindowExpiredError extends SidecarError {
	constructor(messageId: string) {
		super(
			'DELETE_WINDOW_EXPIRED',
			`WhatsApp no longer lets the message ${messageId} be deleted for everyone: that is possible only for about 2 days after it was sent ` +
				'(or it was already deleted). Nothing was deleted; "for=me" still removes it from this account\'s devices.',
			{ messageId },
		);
	}
}
