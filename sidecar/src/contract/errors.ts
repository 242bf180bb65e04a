/**
 * Every failure the sidecar reports, by its stable code: what clients and the
 * n8n nodes branch on. `permanent` says whether the same request (or send) can
 * ever succeed as it is: permanent ones need a change (a number, a file, a
 * setting); the others may pass later (a session coming back, a disk with room).
 * `where`: answered to a request, kept on a message job (`job.error.code`), or both.
 *
 * The HTTP status of each request error is the HTTP layer's business (one table
 * in sidecar/src/http/errorStatus.ts); the message is the error's own.
 */
export const ERROR_CODES = {
	// The request itself.
	API_KEY_MISSING: { permanent: true, where: 'request' },
	API_KEY_INVALID: { permanent: true, where: 'request' },
	ROUTE_NOT_FOUND: { permanent: true, where: 'request' },
	PATH_INVALID: { permanent: true, where: 'request' },
	INVALID_JSON: { permanent: true, where: 'request' },
	VALIDATION_FAILED: { permanent: true, where: 'request' },
	BODY_TOO_LARGE: { permanent: true, where: 'request' },
	BODY_INCOMPLETE: { permanent: false, where: 'request' },
	UNSUPPORTED_MEDIA_TYPE: { permanent: true, where: 'request' },
	CONTENT_ENCODING_UNSUPPORTED: { permanent: true, where: 'request' },
	CONTENT_ENCODING_INVALID: { permanent: true, where: 'request' },
	REQUEST_INVALID: { permanent: true, where: 'request' },
	INTERNAL: { permanent: false, where: 'request' },
	STORAGE_UNAVAILABLE: { permanent: false, where: 'request' },
	// Sessions.
	SESSION_ID_INVALID: { permanent: true, where: 'request' },
	SESSION_NOT_FOUND: { permanent: true, where: 'request' },
	SESSION_EXISTS: { permanent: true, where: 'request' },
	SESSION_LIMIT_REACHED: { permanent: false, where: 'request' },
	SESSION_NOT_RUNNING: { permanent: false, where: 'request' },
	SESSION_NOT_READY: { permanent: false, where: 'both' },
	QR_NOT_AVAILABLE: { permanent: false, where: 'request' },
	QR_RATE_LIMITED: { permanent: false, where: 'request' },
	BROWSER_NOT_FOUND: { permanent: false, where: 'request' },
	/** The session is linked already (a code could unlink it), or is not waiting for a login. */
	PAIRING_CODE_NOT_AVAILABLE: { permanent: false, where: 'request' },
	/** WhatsApp Web gave no code (it refused, or did not answer in time). */
	PAIRING_CODE_FAILED: { permanent: false, where: 'request' },
	PAIRING_PHONE_INVALID: { permanent: true, where: 'request' },
	PROXY_INVALID: { permanent: true, where: 'request' },
	// Sending.
	RECIPIENT_INVALID: { permanent: true, where: 'both' },
	NOT_ON_WHATSAPP: { permanent: true, where: 'both' },
	MEDIA_INVALID: { permanent: true, where: 'both' },
	MEDIA_TOO_LARGE: { permanent: true, where: 'both' },
	MEDIA_TYPE_NOT_ALLOWED: { permanent: true, where: 'both' },
	MEDIA_URL_BLOCKED: { permanent: true, where: 'both' },
	/** Permanent for a job: sending again would fetch the same thing. */
	MEDIA_FETCH_FAILED: { permanent: true, where: 'both' },
	REFERENCE_TOO_LARGE: { permanent: true, where: 'request' },
	IDEMPOTENCY_KEY_REUSED: { permanent: true, where: 'request' },
	JOB_NOT_FOUND: { permanent: true, where: 'request' },
	JOB_NOT_CANCELLABLE: { permanent: true, where: 'request' },
	SEND_FAILED: { permanent: false, where: 'job' },
	/** It may have gone out; it is not sent again, to avoid a duplicate. */
	SEND_UNCERTAIN: { permanent: true, where: 'job' },
	SEND_INTERRUPTED: { permanent: true, where: 'job' },
	ACK_ERROR: { permanent: true, where: 'job' },
	/** An error ack on a message to someone who never wrote to this number: WhatsApp's limit on first contacts. */
	FIRST_CONTACT_RESTRICTED: { permanent: true, where: 'job' },
	// Webhooks and received media.
	WEBHOOK_NOT_FOUND: { permanent: true, where: 'request' },
	WEBHOOK_URL_INVALID: { permanent: true, where: 'request' },
	WEBHOOK_URL_BLOCKED: { permanent: true, where: 'request' },
	MEDIA_NOT_FOUND: { permanent: true, where: 'request' },
	// Chats, history and contact profiles.
	CHAT_NOT_FOUND: { permanent: true, where: 'request' },
	/** A message id the request names is not in that chat (history's `before`), or, for a job, the message a reply quotes or a reaction goes on is not on this session's WhatsApp Web. */
	MESSAGE_NOT_FOUND: { permanent: true, where: 'both' },
	CURSOR_INVALID: { permanent: true, where: 'request' },
	/** The page did not answer an immediate call in time (a busy or stuck session). */
	WHATSAPP_WEB_TIMEOUT: { permanent: false, where: 'request' },
	// Groups.
	GROUP_ID_INVALID: { permanent: true, where: 'request' },
	GROUP_PARTICIPANTS_INVALID: { permanent: true, where: 'request' },
	GROUP_NOT_FOUND: { permanent: true, where: 'request' },
	/** This account is not an admin of the group (or no longer a member). */
	GROUP_NOT_ADMIN: { permanent: true, where: 'request' },
	/** WhatsApp knows no group by this invite code (wrong, revoked or expired). */
	GROUP_INVITE_INVALID: { permanent: true, where: 'request' },
	/** WhatsApp Web refused or did not answer in time. */
	GROUP_ACTION_FAILED: { permanent: false, where: 'request' },
	// Message content beyond text and media (issue 14): one content field per message, each checked.
	CONTENT_MISSING: { permanent: true, where: 'request' },
	CONTENT_CONFLICT: { permanent: true, where: 'request' },
	LOCATION_INVALID: { permanent: true, where: 'request' },
	CONTACTS_INVALID: { permanent: true, where: 'request' },
	POLL_INVALID: { permanent: true, where: 'request' },
	REACTION_INVALID: { permanent: true, where: 'request' },
	MESSAGE_ID_INVALID: { permanent: true, where: 'request' },
	MENTION_INVALID: { permanent: true, where: 'request' },
	// Edits, deletions and forwards (issue 14).
	/** An edit or deletion of a job that has no WhatsApp message (not sent yet, failed, or a reaction/edit/delete job). */
	JOB_NOT_SENT: { permanent: true, where: 'request' },
	/** Only a text, or a media message's caption, can be edited. */
	MESSAGE_NOT_EDITABLE: { permanent: true, where: 'request' },
	/** WhatsApp no longer lets this message be edited (about 15 minutes after it was sent). */
	EDIT_WINDOW_EXPIRED: { permanent: true, where: 'job' },
	/** WhatsApp no longer lets this message be deleted for everyone (about 2 days after it was sent). */
	DELETE_WINDOW_EXPIRED: { permanent: true, where: 'job' },
	// sendBefore (issue 15).
	/** sendBefore is not in the future, or not after sendAt. */
	SEND_BEFORE_INVALID: { permanent: true, where: 'request' },
	/** The message was not sent by its sendBefore time; it never will be. */
	SEND_WINDOW_PASSED: { permanent: true, where: 'job' },
	// Opt-outs (issue 15)
	/** The contact opted out: a bulk message to them is skipped, never sent. */
	OPTED_OUT: { permanent: true, where: 'job' },
	/** An opt-out list entry that does not exist (DELETE /api/opt-outs). */
	OPT_OUT_NOT_FOUND: { permanent: true, where: 'request' },
	// Campaigns (issue 15)
	/** No campaign with this id. */
	CAMPAIGN_NOT_FOUND: { permanent: true, where: 'request' },
	/** Pause or resume of a campaign that was cancelled or has finished. */
	CAMPAIGN_NOT_ACTIVE: { permanent: true, where: 'request' },
	/** The campaign's template names a variable this contact's message does not give: that message fails, not the campaign. */
	TEMPLATE_VARIABLE_MISSING: { permanent: true, where: 'job' },
} as const satisfies Record<string, { permanent: boolean; where: 'request' | 'job' | 'both' }>;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The codes a request can be answered with. */
export type RequestErrorCode = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['where'] extends 'job' ? never : C }[ErrorCode];

export const REQUEST_ERROR_CODES = (Object.keys(ERROR_CODES) as ErrorCode[]).filter(
	(code): code is RequestErrorCode => ERROR_CODES[code].where !== 'job',
);

export function isErrorCode(code: unknown): code is ErrorCode {
	return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** Whether the same request or send can never succeed as it is (unknown codes: not known to be permanent). */
export function isPermanent(code: string): boolean {
	return isErrorCode(code) && ERROR_CODES[code].permanent;
}

/** Every error answer of the API. */
export interface ErrorBody {
	error: { code: RequestErrorCode; message: string; details?: unknown };
}
