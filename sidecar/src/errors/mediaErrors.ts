import { SidecarError } from './SidecarError';
import { megabytes } from './text';

/** Media: what a send request may carry, and media received in chats. */

export class MediaInvalidError extends SidecarError {
	constructor(problem: string) {
		super('MEDIA_INVALID', `The media cannot be used: ${problem}.`);
	}
}

export class MediaTooLargeError extends SidecarError {
	/** `bytes` when the size is known (base64, Content-Length); a stream is cut at the limit. */
	constructor(maxBytes: number, bytes?: number) {
		const size = bytes === undefined ? 'it is larger' : `it is ${megabytes(bytes)}`;
		super(
			'MEDIA_TOO_LARGE',
			`The media is over the ${megabytes(maxBytes)} limit (${size}). Send a smaller file, or raise SIDECAR_MEDIA_MAX_BYTES.`,
			{ maxBytes, bytes },
		);
	}
}

export class MediaFetchFailedError extends SidecarError {
	/** `problem` finishes "The media URL ...", e.g. "answered 404 Not Found". */
	constructor(url: string, problem: string) {
		super('MEDIA_FETCH_FAILED', `The media URL ${problem} (${url}). Check that the URL opens in a browser.`, {
			url,
		});
	}
}

export class MediaTypeNotAllowedError extends SidecarError {
	constructor(mimetype: string, allowedTypes: string[]) {
		super(
			'MEDIA_TYPE_NOT_ALLOWED',
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
			`The media URL points to a private or local address (${where}). The sidecar does not download from those, so a ` +
				'workflow cannot reach internal services through it. If that server is yours, allow it with SIDECAR_MEDIA_ALLOWED_HOSTS.',
			{ host, address },
		);
	}
}

export class ReceivedMediaNotFoundError extends SidecarError {
	constructor(messageId: string) {
		super('MEDIA_NOT_FOUND', `No media is kept for message ${messageId}: it had none, or it is older than SIDECAR_RECEIVED_MEDIA_RETENTION_MS.`);
	}
}
