import { SidecarError } from './SidecarError';
import { short } from './text';

/** Sending: recipients, references and message jobs. */

export class RecipientInvalidError extends SidecarError {
	constructor(to: string, problem: string) {
		super(
			'RECIPIENT_INVALID',
			`"${to}" is not a WhatsApp number or chat id: ${problem}. Write it with the country code, like +62 812 3456 789, ` +
				'or set a default country code (SIDECAR_DEFAULT_COUNTRY_CODE) to write national numbers like 0812 3456 789.',
			{ to },
		);
	}
}

export class NotOnWhatsAppError extends SidecarError {
	constructor(number: string) {
		super('NOT_ON_WHATSAPP', `The number ${number} is not on WhatsApp, so the message was not sent.`, { number });
	}
}

export class SessionNotReadyError extends SidecarError {
	constructor(session: string, waitedMs?: number) {
		const waited = waitedMs === undefined ? '' : ` within ${Math.round(waitedMs / 60_000)} minutes (SIDECAR_QUEUE_MAX_WAIT_MS)`;
		super(
			'SESSION_NOT_READY',
			`The session "${session}" was not connected to WhatsApp${waited}. Check its status and scan the QR code if it asks for one.`,
			{ session },
		);
	}
}

/** Never answered over HTTP: the reason a job is `uncertain`. */
export class SendUncertainError extends SidecarError {
	constructor(detail: string) {
		super('SEND_UNCERTAIN', `It is not known whether this message went out (${detail}); it is not sent again, to avoid a duplicate.`);
	}
}

export class IdempotencyKeyReusedError extends SidecarError {
	constructor(key: string, jobId: string) {
		super(
			'IDEMPOTENCY_KEY_REUSED',
			`The idempotency key "${short(key)}" was already used for another message (${jobId}) with a different recipient, text, media, ` +
				'send time or reference. A key stands for one message: give this one its own key (for a rescheduled appointment, ' +
				'put the new time in the key), or cancel the old message first if it has not gone out.',
			{ idempotencyKey: key, jobId },
		);
	}
}

// What a message job keeps as its error (`job.error`), never answered to a request.

export class SendFailedError extends SidecarError {
	constructor(attempts: number, last: string) {
		super('SEND_FAILED', `WhatsApp Web refused the message ${attempts} times; last: ${last}`);
	}
}

export class SendInterruptedError extends SidecarError {
	constructor() {
		super('SEND_INTERRUPTED', 'The sidecar stopped while this message was being sent; it may or may not have arrived, so it is not sent again.');
	}
}

export class AckError extends SidecarError {
	constructor() {
		super('ACK_ERROR', 'WhatsApp reported an error for this message (it was not delivered).');
	}
}

/**
 * WhatsApp took the message, then refused it: the person never wrote to this number, and WhatsApp
 * limits messages to people who did not write first (its "reach-out" limit, error 463).
 */
export class FirstContactRestrictedError extends SidecarError {
	constructor() {
		super(
			'FIRST_CONTACT_RESTRICTED',
			'WhatsApp did not deliver this message: the person has never written to this number, and WhatsApp limits ' +
				'messages to people who did not write first. Sending it again will not help. Ask them to write to you first ' +
				'(a wa.me link or a QR code on your website, letter or desk), or reach them another way (a call, SMS or e-mail).',
		);
	}
}

export class JobNotFoundError extends SidecarError {
	constructor(jobId: string) {
		super('JOB_NOT_FOUND', `There is no message job "${jobId}" (finished jobs are forgotten after SIDECAR_JOB_RETENTION_MS).`);
	}
}

export class JobNotCancellableError extends SidecarError {
	constructor(jobId: string, status: string) {
		super('JOB_NOT_CANCELLABLE', `The message ${jobId} is already ${status}; only queued or scheduled messages can be cancelled.`, {
			status,
		});
	}
}

export class ReferenceTooLargeError extends SidecarError {
	/** `size: undefined` when measuring stopped once past the limit. */
	constructor(size: number | undefined, max: number) {
		super(
			'REFERENCE_TOO_LARGE',
			`The reference is ${size === undefined ? `over ${max}` : size} bytes as JSON; the most it may be is ${max} (SIDECAR_REFERENCE_MAX_BYTES). Keep ids in it, not whole records.`,
		);
	}
}

export class ReferenceTooDeepError extends SidecarError {
	constructor(maxDepth: number) {
		super(
			'REFERENCE_TOO_LARGE',
			`The reference is nested more than ${maxDepth} levels deep. Keep it flat: ids in it, not whole records.`,
			{ maxDepth },
		);
	}
}
