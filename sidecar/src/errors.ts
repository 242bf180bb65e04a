import { SESSION_ID_RULE } from './contract';

/**
 * Every failure the API reports has its own class with a stable `code` (what
 * clients and the n8n nodes branch on) and an HTTP status; the error middleware
 * turns them into `{ error: { code, message, details? } }`. Messages are written
 * for a no-code user reading them in n8n.
 */
export class SidecarError extends Error {
	constructor(
		readonly code: string,
		readonly status: number,
		message: string,
		readonly details?: unknown,
	) {
		super(message);
		this.name = new.target.name;
	}
}

export class ApiKeyMissingError extends SidecarError {
	constructor() {
		super('API_KEY_MISSING', 401, 'This request needs the sidecar API key (header X-Api-Key).');
	}
}

export class ApiKeyInvalidError extends SidecarError {
	constructor() {
		super('API_KEY_INVALID', 401, 'The API key is wrong. Copy it again from the sidecar (SIDECAR_API_KEY or the api-key file in its data folder).');
	}
}

export class RouteNotFoundError extends SidecarError {
	constructor(method: string, path: string) {
		super('ROUTE_NOT_FOUND', 404, `The sidecar has no ${method} ${path}. Check the sidecar URL and version.`);
	}
}

export class InvalidJsonError extends SidecarError {
	constructor() {
		super('INVALID_JSON', 400, 'The request body is not valid JSON.');
	}
}

export class InternalError extends SidecarError {
	constructor() {
		super('INTERNAL', 500, 'The sidecar hit an unexpected problem; its log has the details.');
	}
}

export class ValidationError extends SidecarError {
	constructor(message: string, details?: unknown) {
		super('VALIDATION_FAILED', 400, message, details);
	}
}

export class SessionIdInvalidError extends SidecarError {
	constructor(id: string) {
		super(
			'SESSION_ID_INVALID',
			400,
			`"${id}" cannot be a session id: ${SESSION_ID_RULE}.`,
		);
	}
}

export class SessionNotFoundError extends SidecarError {
	constructor(id: string) {
		super('SESSION_NOT_FOUND', 404, `There is no session "${id}". Create it first (POST /api/sessions).`);
	}
}

export class SessionExistsError extends SidecarError {
	constructor(id: string) {
		super('SESSION_EXISTS', 409, `A session "${id}" already exists.`);
	}
}

export class SessionLimitReachedError extends SidecarError {
	constructor(max: number) {
		super(
			'SESSION_LIMIT_REACHED',
			429,
			`This sidecar already has ${max} sessions, its limit. Delete one, or raise SIDECAR_MAX_SESSIONS if the machine has room (each session runs a browser).`,
		);
	}
}

export class QrNotAvailableError extends SidecarError {
	constructor(status: string) {
		const hint =
			status === 'READY'
				? 'The session is already logged in: no QR is needed.'
				: status === 'STOPPED' || status === 'LOGGED_OUT'
					? 'Start the session to get a QR.'
					: 'Wait a moment and ask again.';
		super('QR_NOT_AVAILABLE', 404, `There is no QR code right now (the session is ${status}). ${hint}`, { status });
	}
}

export class QrRateLimitedError extends SidecarError {
	constructor(retryAfterSeconds: number) {
		super(
			'QR_RATE_LIMITED',
			429,
			`This session asked for new QR codes too often without being scanned. Try again in ${retryAfterSeconds} seconds.`,
			{ retryAfterSeconds },
		);
	}
}

export class SessionNotRunningError extends SidecarError {
	constructor(id: string, status: string) {
		// While it starts (or waits to start again), WhatsApp Web's page is not there yet: no need to start it.
		const message =
			status === 'STARTING' || status === 'RECONNECTING'
				? `The session "${id}" is ${status === 'STARTING' ? 'still starting' : 'about to restart'} (${status}); its WhatsApp Web page is not there yet. Try again in a moment.`
				: `The session "${id}" has no browser running (it is ${status}). Start it first.`;
		super('SESSION_NOT_RUNNING', 409, message, { status });
	}
}

export class BrowserUnavailableError extends SidecarError {
	constructor(message: string) {
		super('BROWSER_NOT_FOUND', 503, message);
	}
}

export class RecipientInvalidError extends SidecarError {
	constructor(to: string, problem: string) {
		super(
			'RECIPIENT_INVALID',
			400,
			`"${to}" is not a WhatsApp number or chat id: ${problem}. Write it with the country code, like +62 812 3456 789, ` +
				'or set a default country code (SIDECAR_DEFAULT_COUNTRY_CODE) to write national numbers like 0812 3456 789.',
			{ to },
		);
	}
}

// Media failures are permanent for a message job: sending again would fetch or decode the same thing.

export class MediaInvalidError extends SidecarError {
	constructor(problem: string) {
		super('MEDIA_INVALID', 400, `The media cannot be used: ${problem}.`);
	}
}

export class MediaTooLargeError extends SidecarError {
	/** `bytes` when the size is known (base64, Content-Length); a stream is cut at the limit. */
	constructor(maxBytes: number, bytes?: number) {
		const size = bytes === undefined ? 'it is larger' : `it is ${megabytes(bytes)}`;
		super(
			'MEDIA_TOO_LARGE',
			413,
			`The media is over the ${megabytes(maxBytes)} limit (${size}). Send a smaller file, or raise SIDECAR_MEDIA_MAX_BYTES.`,
			{ maxBytes, bytes },
		);
	}
}

export class MediaFetchFailedError extends SidecarError {
	/** `problem` finishes "The media URL ...", e.g. "answered 404 Not Found". */
	constructor(url: string, problem: string) {
		super('MEDIA_FETCH_FAILED', 422, `The media URL ${problem} (${url}). Check that the URL opens in a browser.`, {
			url,
		});
	}
}

export class MediaTypeNotAllowedError extends SidecarError {
	constructor(mimetype: string, allowedTypes: string[]) {
		super(
			'MEDIA_TYPE_NOT_ALLOWED',
			415,
			`The sidecar does not send media of type ${mimetype}. It accepts ${allowedTypes.join(', ')}; ` +
				'the list is set with SIDECAR_MEDIA_ALLOWED_TYPES.',
			{ mimetype, allowedTypes },
		);
	}
}

export class MediaUrlBlockedError extends SidecarError {
	/** `address` is what the host resolved to, when it is not an address itself. */
	constructor(host: string, address?: string) {
		const where = address && address !== host ? `${host}, which is ${address}` : host;
		super(
			'MEDIA_URL_BLOCKED',
			422,
			`The media URL points to a private or local address (${where}). The sidecar does not download from those, so a ` +
				'workflow cannot reach internal services through it. If that server is yours, allow it with SIDECAR_MEDIA_ALLOWED_HOSTS.',
			{ host, address },
		);
	}
}

function megabytes(bytes: number): string {
	return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}

// Sending: request problems answered at once, and job failures kept on the job.

export class NotOnWhatsAppError extends SidecarError {
	constructor(number: string) {
		super('NOT_ON_WHATSAPP', 422, `The number ${number} is not on WhatsApp, so the message was not sent.`, { number });
	}
}

export class SessionNotReadyError extends SidecarError {
	constructor(session: string, waitedMs?: number) {
		const waited = waitedMs === undefined ? '' : ` within ${Math.round(waitedMs / 60_000)} minutes (SIDECAR_QUEUE_MAX_WAIT_MS)`;
		super(
			'SESSION_NOT_READY',
			409,
			`The session "${session}" was not connected to WhatsApp${waited}. Check its status and scan the QR code if it asks for one.`,
			{ session },
		);
	}
}

/** Never answered over HTTP: the reason a job is `uncertain`. */
export class SendUncertainError extends SidecarError {
	constructor(detail: string) {
		super('SEND_UNCERTAIN', 500, `It is not known whether this message went out (${detail}); it is not sent again, to avoid a duplicate.`);
	}
}

export class JobNotFoundError extends SidecarError {
	constructor(jobId: string) {
		super('JOB_NOT_FOUND', 404, `There is no message job "${jobId}" (finished jobs are forgotten after SIDECAR_JOB_RETENTION_MS).`);
	}
}

export class JobNotCancellableError extends SidecarError {
	constructor(jobId: string, status: string) {
		super('JOB_NOT_CANCELLABLE', 409, `The message ${jobId} is already ${status}; only queued or scheduled messages can be cancelled.`, {
			status,
		});
	}
}

export class ReferenceTooLargeError extends SidecarError {
	/** `size: undefined` when measuring stopped once past the limit. */
	constructor(size: number | undefined, max: number) {
		super(
			'REFERENCE_TOO_LARGE',
			413,
			`The reference is ${size === undefined ? `over ${max}` : size} bytes as JSON; the most it may be is ${max} (SIDECAR_REFERENCE_MAX_BYTES). Keep ids in it, not whole records.`,
		);
	}
}

// Storage.

export class StorageUnavailableError extends SidecarError {
	constructor(file: string, problem: string, cause?: unknown) {
		super(
			'STORAGE_UNAVAILABLE',
			503,
			`The sidecar could not save this to its database (${problem}), so it was not accepted. ` +
				`Check that the disk has free space and that ${file} can be written, then try again.`,
			{ file },
		);
		this.cause = cause;
	}
}

// Webhooks and received media.

export class WebhookNotFoundError extends SidecarError {
	constructor(id: string) {
		super('WEBHOOK_NOT_FOUND', 404, `There is no webhook subscription "${id}" (it may have been removed after its URL answered 410 Gone).`);
	}
}

export class ReceivedMediaNotFoundError extends SidecarError {
	constructor(messageId: string) {
		super('MEDIA_NOT_FOUND', 404, `No media is kept for message ${messageId}: it had none, or it is older than SIDECAR_RECEIVED_MEDIA_RETENTION_MS.`);
	}
}

// Webhook URLs: what a subscription may point to (issue 11).

export class WebhookUrlInvalidError extends SidecarError {
	/** `problem` finishes "The webhook URL cannot be used: ...". Never the URL itself: it may be huge or carry a password. */
	constructor(problem: string) {
		super('WEBHOOK_URL_INVALID', 400, `The webhook URL cannot be used: ${problem}.`);
	}
}

export class WebhookUrlBlockedError extends SidecarError {
	/** `address` is what the host resolved to, when it is not an address itself. */
	constructor(host: string, address?: string) {
		const where = address && address !== host ? `${host}, which is ${address}` : host;
		super(
			'WEBHOOK_URL_BLOCKED',
			422,
			`The webhook URL points to ${where}, a link-local or cloud metadata address. The sidecar does not send events there, ` +
				'so a webhook cannot be used to read the cloud server\'s secrets. Use the address n8n is reached at: ' +
				'localhost and private network addresses (10.x, 192.168.x, a Docker service name) are fine.',
			{ host, address },
		);
	}
}

// Requests the sidecar cannot read: a bad body, a bad path, a nested reference. Each is the client's
// to fix, so each gets its own code and a 4xx (never a 500, never an error in the log).

export class BodyTooLargeError extends SidecarError {
	/** `bytes` when the request said its size (Content-Length); a streamed body is cut at the limit. */
	constructor(limitBytes: number, bytes?: number) {
		const size =
			bytes === undefined
				? `The request is over the ${megabytes(limitBytes)} the sidecar accepts per request.`
				: `The request is ${megabytes(bytes)}; the sidecar accepts at most ${megabytes(limitBytes)} per request.`;
		super(
			'BODY_TOO_LARGE',
			413,
			`${size} A file sent as base64 grows by a ` +
				'third (a 25 MB file becomes about 33 MB): send big files as a media URL instead ({"media": {"url": "https://…"}}); ' +
				'the sidecar downloads it itself, up to its media limit (SIDECAR_MEDIA_MAX_BYTES).',
			{ limitBytes, bytes },
		);
	}
}

export class UnsupportedMediaTypeError extends SidecarError {
	/** `charset` when the body is JSON, but not in UTF-8. */
	constructor(contentType: string | undefined, charset?: string) {
		const message = charset
			? `The body is JSON in ${short(charset)}; the sidecar reads JSON in UTF-8 only. Send it as UTF-8 (Content-Type: application/json).`
			: `The body is ${contentType ? `of type "${short(contentType)}"` : 'sent without a Content-Type'}; the sidecar reads JSON only. ` +
				'Send it with the header Content-Type: application/json (in n8n\'s HTTP Request node: Body Content Type JSON).';
		super('UNSUPPORTED_MEDIA_TYPE', 415, message, { contentType, charset });
	}
}

export class ContentEncodingUnsupportedError extends SidecarError {
	constructor(encoding: string) {
		super(
			'CONTENT_ENCODING_UNSUPPORTED',
			415,
			`The body is compressed as "${short(encoding)}" (Content-Encoding), which the sidecar cannot read. Send it uncompressed, or as gzip, deflate or br.`,
			{ encoding },
		);
	}
}

export class ContentEncodingInvalidError extends SidecarError {
	constructor(encoding: string) {
		super(
			'CONTENT_ENCODING_INVALID',
			400,
			`The body says it is compressed as "${short(encoding)}" (Content-Encoding), but it is not. Remove that header, or compress the body.`,
			{ encoding },
		);
	}
}

export class BodyIncompleteError extends SidecarError {
	constructor() {
		super('BODY_INCOMPLETE', 400, 'The request body ended before the length it announced (Content-Length), or the connection closed while it was sent. Send it again.');
	}
}

export class PathInvalidError extends SidecarError {
	constructor(path: string) {
		super(
			'PATH_INVALID',
			400,
			`The URL path "${short(path)}" has a broken percent-escape (like %FF, or a % without two hex digits after it). ` +
				'Ids are letters, digits, "-" and "_"; anything else must be URL-encoded (encodeURIComponent).',
		);
	}
}

/** Anything else body-parser refuses: its status, in our shape. */
export class RequestInvalidError extends SidecarError {
	constructor(status: number, problem: string) {
		super('REQUEST_INVALID', status, `The sidecar cannot read this request: ${short(problem)}.`);
	}
}

export class ReferenceTooDeepError extends SidecarError {
	constructor(maxDepth: number) {
		super(
			'REFERENCE_TOO_LARGE',
			413,
			`The reference is nested more than ${maxDepth} levels deep. Keep it flat: ids in it, not whole records.`,
			{ maxDepth },
		);
	}
}

/** Client-supplied text inside a message: bounded, so a 16 KB header does not become a 16 KB message. */
function short(text: string): string {
	return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
