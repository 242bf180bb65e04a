import { backoffDelay } from '../../../sidecar/src/sessions/backoff';

describe('backoffDelay', () => {
	const options = { baseMs: 1_000, capMs: 300_000, maxAttempts: 10 };

	it('doubles the window per attempt up to the cap', () => {
		const top = (attempt: number) => backoffDelay(attempt, options, () => 1);
		expect([1, 2, 3, 4, 5, 9, 10, 20].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000]);
	});

	it('jitters within the window but never below a quarter of it (no tight loop)', () => {
		expect(backoffDelay(3, options, () => 0)).toBe(1_000);
		expect(backoffDelay(20, options, () => 0)).toBe(75_000);
		const draws = Array.from({ length: 500 }, () => backoffDelay(4, options));
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(2_000);
		expect(Math.max(...draws)).toBeLessThanOrEqual(8_000);
		expect(new Set(draws).size).toBeGreaterThan(100); // really random, so sessions spread out
	});
});
