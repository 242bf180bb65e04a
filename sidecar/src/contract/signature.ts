import { createHmac, timingSafeEqual } from 'crypto';

/**
 * `X-Sidecar-Signature: sha256=<hex>`: HMAC-SHA256 with the subscription's secret
 * over `<timestamp>.<raw body>`, where the timestamp is `X-Sidecar-Timestamp`
 * (Unix seconds). Signing the timestamp too lets a receiver refuse old replays.
 */
export function sign(secret: string, timestamp: number | string, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** How far a delivery's timestamp may be from now (either way) before it is refused as a replay. */
export const MAX_TIMESTAMP_SKEW_SECONDS = 300;

export type SignatureRefusal = 'SIGNATURE_MISSING' | 'TIMESTAMP_INVALID' | 'TIMESTAMP_STALE' | 'SIGNATURE_INVALID';
export type SignatureCheck = { valid: true } | { valid: false; reason: SignatureRefusal };

export interface SignedDelivery {
	/** The subscription's secret (the n8n triggers keep it in the node's static data). */
	secret: string;
	/** The exact bytes the sidecar sent (the signature covers them, not a re-serialization). */
	body: string;
	/** `X-Sidecar-Timestamp`: Unix seconds. */
	timestamp: string | undefined;
	/** `X-Sidecar-Signature`. */
	signature: string | undefined;
	/** Now, in Unix seconds (tests pass their own clock). */
	nowSeconds?: number;
}

/**
 * What a receiver does with a delivery: the signature must match and the
 * timestamp be within five minutes of now, so a captured delivery cannot be
 * replayed later. Never throws: anything malformed is simply not valid.
 */
export function verify(delivery: SignedDelivery): SignatureCheck {
	const { secret, body, timestamp, signature } = delivery;
	if (!secret || !signature || timestamp === undefined) return { valid: false, reason: 'SIGNATURE_MISSING' };
	if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'TIMESTAMP_INVALID' };
	const now = delivery.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (Math.abs(now - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS) return { valid: false, reason: 'TIMESTAMP_STALE' };
	const expected = Buffer.from(sign(secret, timestamp, body));
	const given = Buffer.from(signature);
	// timingSafeEqual throws on different lengths; a length says nothing about the key.
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false, reason: 'SIGNATURE_INVALID' };
	return { valid: true };
}
