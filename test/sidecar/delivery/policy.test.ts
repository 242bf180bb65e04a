import { outcomeOf, parseRetryAfter, retryDelay } from '../../../sidecar/src/delivery/retryPolicy';

describe('retry policy', () => {
	it.each<[number | undefined, string]>([
		[200, 'delivered'],
		[204, 'delivered'],
		[299, 'delivered'],
		[undefined, 'retry'],
		[408, 'retry'],
		[429, 'retry'],
		[500, 'retry'],
		[503, 'retry'],
		[599, 'retry'],
		[410, 'gone'],
		[301, 'dead'],
		[304, 'dead'],
		[400, 'dead'],
		[401, 'dead'],
		[404, 'retry'], // first attempt; see the next test
		[409, 'dead'],
		[422, 'dead'],
		[451, 'dead'],
	])('outcomeOf(%p) is %s', (status, outcome) => {
		expect(outcomeOf(status)).toBe(outcome);
	});

	it('retries a 404 only for the first attempts (a starting n8n), then it is final', () => {
		expect([1, 2, 3, 4].map((attempt) => outcomeOf(404, attempt))).toEqual(['retry', 'retry', 'dead', 'dead']);
	});

	it('parses Retry-After in seconds, fractions included, never below zero', () => {
		expect(parseRetryAfter('120')).toBe(120_000);
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter('1.5')).toBe(1_500);
		expect(parseRetryAfter('-5')).toBe(0);
	});

	it('parses Retry-After as an HTTP date, relative to now; past dates are zero', () => {
		const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
	});

	it('ignores a missing or unreadable Retry-After', () => {
		expect(parseRetryAfter(null)).toBeUndefined();
		expect(parseRetryAfter('')).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter('Infinity')).toBeUndefined();
	});

	it('grows the wait exponentially from the base up to the cap, with jitter in the upper three quarters', () => {
		const options = { attempts: 10, backoffBaseMs: 100, backoffCapMs: 400 };
		expect([1, 2, 3, 4, 8].map((a) => retryDelay(a, options, () => 0))).toEqual([25, 50, 100, 100, 100]);
		expect([1, 2, 3, 4, 8].map((a) => retryDelay(a, options, () => 1))).toEqual([100, 200, 400, 400, 400]);
		expect(retryDelay(2, options, () => 0.5)).toBe(125);
		for (let i = 0; i < 200; i++) {
			const delay = retryDelay(3, options);
			expect(delay).toBeGreaterThanOrEqual(100);
			expect(delay).toBeLessThanOrEqual(400);
		}
	});

	it('waits at least what Retry-After asks, up to the cap', () => {
		const options = { attempts: 10, backoffBaseMs: 100, backoffCapMs: 400 };
		expect(retryDelay(1, options, () => 0, 300)).toBe(300);
		expect(retryDelay(1, options, () => 0, 10)).toBe(25);
		expect(retryDelay(1, options, () => 0, 10_000)).toBe(400);
	});
});
