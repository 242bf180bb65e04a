import { createHmac } from 'crypto';
import { MAX_TIMESTAMP_SKEW_SECONDS, sign, verify as verifySignature } from '../../../sidecar/src/contract';

const secret = 'a-secret-of-at-least-16';
const body = '{"id":"evt_1","type":"message","session":"desk","timestamp":"2026-11-02T08:00:00.000Z","payload":{"text":"hi"}}';
const now = 1_790_000_000;

describe('sign() (what the sidecar sends)', () => {
	const text = JSON.stringify({ id: 'evt_1', type: 'message', payload: { text: 'héllo ✓' } });

	it('is sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">', () => {
		const expected = createHmac('sha256', secret).update(`1700000000.${text}`).digest('hex');
		expect(sign(secret, 1_700_000_000, text)).toBe(`sha256=${expected}`);
		expect(sign(secret, 1_700_000_000, text)).toMatch(/^sha256=[0-9a-f]{64}$/);
	});

	it('refuses a tampered body, another timestamp, a wrong secret, and malformed signatures', () => {
		const nowSeconds = 1_700_000_000;
		const signature = sign(secret, nowSeconds, text);
		const check = (over: { body?: string; timestamp?: string; secret?: string; signature?: string }) =>
			verifySignature({ secret, body: text, timestamp: String(nowSeconds), signature, nowSeconds, ...over }).valid;
		expect(check({})).toBe(true);
		expect(check({ body: text.replace('héllo', 'hello') })).toBe(false);
		expect(check({ body: `${text} ` })).toBe(false);
		expect(check({ timestamp: String(nowSeconds + 1) })).toBe(false);
		expect(check({ secret: 'another-secret-of-16+' })).toBe(false);
		expect(check({ signature: signature.slice(0, -1) })).toBe(false);
		expect(check({ signature: '' })).toBe(false);
		expect(check({ signature: signature.replace('sha256=', 'sha1=') })).toBe(false);
	});
});

describe('verify() (what a receiver does: the n8n triggers)', () => {
	it("accepts what the sidecar's own sign() produced", () => {
		expect(verifySignature({ secret, body, timestamp: String(now), signature: sign(secret, now, body), nowSeconds: now })).toEqual({ valid: true });
	});

	it('accepts a timestamp exactly 5 minutes away, refuses one second more in either direction', () => {
		for (const offset of [-MAX_TIMESTAMP_SKEW_SECONDS, MAX_TIMESTAMP_SKEW_SECONDS]) {
			const ts = now + offset;
			expect(verifySignature({ secret, body, timestamp: String(ts), signature: sign(secret, ts, body), nowSeconds: now }).valid).toBe(true);
		}
		for (const offset of [-MAX_TIMESTAMP_SKEW_SECONDS - 1, MAX_TIMESTAMP_SKEW_SECONDS + 1]) {
			const ts = now + offset;
			expect(verifySignature({ secret, body, timestamp: String(ts), signature: sign(secret, ts, body), nowSeconds: now })).toEqual({
				valid: false,
				reason: 'TIMESTAMP_STALE',
			});
		}
	});

	it.each([
		['another secret', { signature: sign('another-secret-of-16+', now, body) }, 'SIGNATURE_INVALID'],
		['another body', { body: `${body} ` }, 'SIGNATURE_INVALID'],
		['the timestamp not signed along', { timestamp: String(now + 1) }, 'SIGNATURE_INVALID'],
		['a signature of another length', { signature: 'sha256=abc' }, 'SIGNATURE_INVALID'],
		['a bare hex signature', { signature: sign(secret, now, body).slice(7) }, 'SIGNATURE_INVALID'],
		['no signature', { signature: undefined }, 'SIGNATURE_MISSING'],
		['no timestamp', { timestamp: undefined }, 'SIGNATURE_MISSING'],
		['no secret', { secret: '' }, 'SIGNATURE_MISSING'],
		['milliseconds or text as timestamp', { timestamp: '1790000000000x' }, 'TIMESTAMP_INVALID'],
	])('refuses %s', (_what, change, reason) => {
		const delivery = { secret, body, timestamp: String(now), signature: sign(secret, now, body), nowSeconds: now, ...change };
		expect(verifySignature(delivery)).toEqual({ valid: false, reason });
	});
});
