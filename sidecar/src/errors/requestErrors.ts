import { SidecarError } from './SidecarError';
import { megabytes, short } from './text';

/** Requests the sidecar cannot take as they are: the key, the path, the body. Each is the client's to fix. */

export class ApiKeyMissingError extends SidecarError {
	constructor() {
		super('API_KEY_MISSING', 'This request needs the sidecar API key (header X-Api-Key).');
	}
}

export class ApiKeyInvalidError extends SidecarError {
	constructor() {
		super('API_KEY_INVALID', 'The API key is wrong. Copy it again from the sidecar (SIDECAR_API_KEY or the api-key file in its data folder).');
	}
}

export class RouteNotFoundError extends SidecarError {
	constructor(method: string, path: string) {
		super('ROUTE_NOT_FOUND', `The sidecar has no ${method} ${path}. Check the sidecar URL and version.`);
	}
}

export class InvalidJsonError extends SidecarError {
	constructor() {
		super('INVALID_JSON', 'The request body is not valid JSON.');
	}
}

export class InternalError extends SidecarError {
	constructor() {
		super('INTERNAL', 'The sidecar hit an unexpected problem; its log has the details.');
	}
}

export class ValidationError extends SidecarError {
	constructor(message: string, details?: unknown) {
		super('VALIDATION_FAILED', message, details);
	}
}

export class BodyTooLargeError extends SidecarError {
	/** `bytes` when the request said its size (Content-Length); a streamed body is cut at the limit. */
	constructor(limitBytes: number, bytes?: number) {
		const size =
			bytes === undefined
				? `The request is over the ${megabytes(limitBytes)} the sidecar accepts per request.`
				: `The request is ${megabytes(bytes)}; the sidecar accepts at most ${megabytes(limitBytes)} per request.`;
		super(
			'BODY_TOO_LARGE',
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
		super('UNSUPPORTED_MEDIA_TYPE', message, { contentType, charset });
	}
}

export class ContentEncodingUnsupportedError extends SidecarError {
	constructor(encoding: string) {
		super(
			'CONTENT_ENCODING_UNSUPPORTED',
			`The body is compressed as "${short(encoding)}" (Content-Encoding), which the sidecar cannot read. Send it uncompressed, or as gzip, deflate or br.`,
			{ encoding },
		);
	}
}

export class ContentEncodingInvalidError extends SidecarError {
	constructor(encoding: string) {
		super(
			'CONTENT_ENCODING_INVALID',
			`The body says it is compressed as "${short(encoding)}" (Content-Encoding), but it is not. Remove that header, or compress the body.`,
			{ encoding },
		);
	}
}

export class BodyIncompleteError extends SidecarError {
	constructor() {
		super('BODY_INCOMPLETE', 'The request body ended before the length it announced (Content-Length), or the connection closed while it was sent. Send it again.');
	}
}

export class PathInvalidError extends SidecarError {
	constructor(path: string) {
		super(
			'PATH_INVALID',
			`The URL path "${short(path)}" has a broken percent-escape (like %FF, or a % without two hex digits after it). ` +
				'Ids are letters, digits, "-" and "_"; anything else must be URL-encoded (encodeURIComponent).',
		);
	}
}

/** Anything else body-parser refuses: its status, in our shape. */
export class RequestInvalidError extends SidecarError {
	/** `status`: what body-parser would have answered (kept for the log; the answer is 400). */
	constructor(status: number, problem: string) {
		super('REQUEST_INVALID', `The sidecar cannot read this request: ${short(problem)}.`, { status });
	}
}
