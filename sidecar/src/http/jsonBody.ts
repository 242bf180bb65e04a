import express, { type RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from '../errors';

/**
 * The largest request body. Big enough for a 16 MB file as base64 (SIDECAR_MEDIA_MAX_BYTES's default)
 * with room to spare; bigger files go as a media URL, which the sidecar downloads itself and which
 * this limit does not touch.
 */
export const BODY_LIMIT_BYTES = 32 * 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Parses JSON bodies, and refuses any other non-empty body with 415: ignoring it would answer a
 * text/plain or form body (curl -d without -H, fetch with a string body) with a confusing "id is
 * required" about a body that was there all along.
 */
export function jsonBody(): RequestHandler[] {
	const parse = express.json({ limit: BODY_LIMIT_BYTES, type: JSON_TYPES });
	const refuseOthers: RequestHandler = (req, _res, next) => {
		if (hasContent(req.headers) && !req.is(JSON_TYPES)) return next(new UnsupportedMediaTypeError(req.headers['content-type']));
		next();
	};
	return [parse, refuseOthers];
}

/** A body with bytes in it: chunked, or a Content-Length above 0 (an empty POST is fine without a type). */
function hasContent(headers: { 'transfer-encoding'?: string; 'content-length'?: string }): boolean {
	return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}
