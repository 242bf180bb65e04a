import { timingSafeEqual, createHash } from 'crypto';
import type { RequestHandler } from 'express';
import { ApiKeyInvalidError, ApiKeyMissingError } from '../errors';

/** Accepts `X-Api-Key: <key>` or `Authorization: Bearer <key>`. */
export function requireApiKey(apiKey: string): RequestHandler {
	const expected = digest(apiKey);
	return (req, _res, next) => {
		const bearer = req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
		const given = req.header('x-api-key') ?? bearer;
		if (!given) return next(new ApiKeyMissingError());
		// Compare digests: equal length, and no timing hint about the key.
		if (!timingSafeEqual(digest(given), expected)) return next(new ApiKeyInvalidError());
		next();
	};
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text).digest();
}
