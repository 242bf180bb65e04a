import { createHmac, timingSafeEqual } from 'crypto';

/**
 * `X-Sidecar-Signature: sha256=<hex>`: HMAC-SHA256 with the subscription's secret
 * over `<timestamp>.<raw body>`, where the timestamp is `X-Sidecar-Timestamp`
 * (Unix seconds). Signing the timestamp too lets a receiver refuse old replays.
 */
export function sign(secret: string, timestamp: number, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (the n8n triggers do the same). */
export function verify(secret: string, timestamp: number, body: string, signature: string): boolean {
	const expected = Buffer.from(sign(secret, timestamp, body));
	const given = Buffer.from(signature);
	return expected.length === given.length && timingSafeEqual(expected, given);
}
