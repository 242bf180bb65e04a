import { createHmac, timingSafeEqual } from 'crypto';

/** How far a delivery's timestamp may be from now (either way) before it is refused as a replay. */
export const MAX_TIMESTAMP_SKEW_SECONDS = 300;

export type SignatureCheck =
	| { valid: true }
	| { valid: false; reason: 'SIGNATURE_MISSING' | 'TIMESTAMP_INVALID' | 'TIMESTAMP_STALE' | 'SIGNATURE_INVALID' };

export interface SignedDelivery {
	/** The subscription's secret, kept in the node's static data since create(). */
	secret: string;
	/** The exact bytes the sidecar sent (the signature covers them, not a re-serialization). */
	body: string;
	/** `X-Sidecar-Timestamp`: Unix seconds. */
	timestamp: string | undefined;
	/** `X-Sidecar-Signature`: `sha256=<hex>`. */
	signature: string | undefined;
	/** Now, in Unix seconds (tests pass their own clock). */
	nowSeconds?: number;
}

/**
 * Checks a sidecar delivery: `X-Sidecar-Signature` must be the HMAC-SHA256, keyed
 * with the secret, of `<timestamp>.<raw body>`, and the timestamp must be within
 * five minutes of now, so a captured delivery cannot be replayed later. Never
 * throws: anything malformed is simply not valid.
 *
 * @returns `{ valid: true }`, or why the delivery must be refused
 * @example
 * verifySignature({ secret, body: rawBody, timestamp: headers['x-sidecar-timestamp'], signature: headers['x-sidecar-signature'] })
 */
export function verifySignature(delivery: SignedDelivery): SignatureCheck {
	const { secret, body, timestamp, signature } = delivery;
	if (!secret || !signature || timestamp === undefined) return { valid: false, reason: 'SIGNATURE_MISSING' };
	if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'TIMESTAMP_INVALID' };
	const now = delivery.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (Math.abs(now - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS) return { valid: false, reason: 'TIMESTAMP_STALE' };
	const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
	const given = Buffer.from(signature);
	// timingSafeEqual throws on different lengths; a length says nothing about the key.
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
		return { valid: false, reason: 'SIGNATURE_INVALID' };
	}
	return { valid: true };
}
