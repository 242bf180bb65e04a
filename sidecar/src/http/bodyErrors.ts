import type { Request } from 'express';
import {
	BodyIncompleteError,
	BodyTooLargeError,
	ContentEncodingInvalidError,
	ContentEncodingUnsupportedError,
	InvalidJsonError,
	RequestInvalidError,
	UnsupportedMediaTypeError,
	type SidecarError,
} from '../errors';

/** What body-parser (and raw-body under it) puts on its errors. */
interface BodyParserError {
	type?: string;
	status?: number;
	expose?: boolean;
	message?: string;
	limit?: number;
	/** The announced size (Content-Length), when there was one. */
	length?: number;
	encoding?: string;
	charset?: string;
}

/**
 * body-parser's errors as our coded ones, by their `type`; undefined for what is
 * not a body-parser error, or is one that only a bug of ours can cause.
 */
export function bodyError(error: unknown, req: Request): SidecarError | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const e = error as BodyParserError;
	switch (e.type) {
		case 'entity.parse.failed':
			return new InvalidJsonError();
		case 'entity.too.large':
			return new BodyTooLargeError(e.limit ?? 0, e.length);
		case 'encoding.unsupported':
			return new ContentEncodingUnsupportedError(e.encoding ?? String(req.headers['content-encoding']));
		case 'charset.unsupported':
			return new UnsupportedMediaTypeError(req.headers['content-type'], e.charset ?? 'an unknown charset');
		case 'request.aborted': // the client closed the connection mid-body
		case 'request.size.invalid': // fewer or more bytes than Content-Length said
			return new BodyIncompleteError();
		case 'stream.encoding.set': // something read the request before body-parser: our bug,
		case 'stream.not.readable': // not the client's; left to the error log
			return undefined;
	}
	if (e.type === undefined && e.status === 400 && isEncoded(req)) {
		// body-parser passes the decompressor's own error on with a 400 and no type: the body was not
		// what its Content-Encoding said.
		return new ContentEncodingInvalidError(String(req.headers['content-encoding']));
	}
	// A type a later body-parser adds: still the client's problem when it says so.
	if (e.type !== undefined && e.expose && isClientStatus(e.status)) return new RequestInvalidError(e.status!, e.message ?? e.type);
	return undefined;
}

function isEncoded(req: Request): boolean {
	const encoding = req.headers['content-encoding'];
	return encoding !== undefined && encoding.toLowerCase() !== 'identity';
}

function isClientStatus(status: number | undefined): boolean {
	return status !== undefined && status >= 400 && status < 500;
}
