import { isQuiet, quietUntil } from '../../../../sidecar/src/sending/pacing/quietHours';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('quietUntil', () => {
	describe('Asia/Jakarta (UTC+7, no DST), 21:00–07:00 across midnight', () => {
		const q = { start: '21:00', end: '07:00', timeZone: 'Asia/Jakarta' };

		it('holds 23:30 local until 07:00 local the next morning', () => {
			// 23:30 WIB on 10 June = 16:30 UTC; 07:00 WIB on 11 June = 00:00 UTC.
			expect(quietUntil(utc('2024-06-10T16:30:00'), q)).toBe(utc('2024-06-11T00:00:00'));
		});

		it('holds the early morning part until 07:00 the same day', () => {
			expect(quietUntil(utc('2024-06-10T23:59:30'), q)).toBe(utc('2024-06-11T00:00:00')); // 06:59:30 WIB
			expect(quietUntil(utc('2024-06-10T17:00:00'), q)).toBe(utc('2024-06-11T00:00:00')); // 00:00 WIB
		});

		it('does not hold midday', () => {
			expect(quietUntil(utc('2024-06-10T05:00:00'), q)).toBeNull(); // 12:00 WIB
		});

		it('includes the start minute and excludes the end minute', () => {
			expect(quietUntil(utc('2024-06-10T14:00:00'), q)).toBe(utc('2024-06-11T00:00:00')); // 21:00 WIB
			expect(quietUntil(utc('2024-06-10T13:59:59.999'), q)).toBeNull(); // 20:59:59.999 WIB
			expect(quietUntil(utc('2024-06-11T00:00:00'), q)).toBeNull(); // 07:00 WIB
		});

		it('crosses a month end', () => {
			expect(quietUntil(utc('2024-06-30T15:00:00'), q)).toBe(utc('2024-07-01T00:00:00')); // 22:00 WIB, 30 June
		});
	});

	it('handles a window within one day', () => {
		const q = { start: '13:00', end: '14:30', timeZone: 'UTC' };
		expect(quietUntil(utc('2024-01-05T13:15:00'), q)).toBe(utc('2024-01-05T14:30:00'));
		expect(quietUntil(utc('2024-01-05T14:30:00'), q)).toBeNull();
		expect(quietUntil(utc('2024-01-05T12:59:00'), q)).toBeNull();
		expect(quietUntil(utc('2024-01-05T23:00:00'), q)).toBeNull();
	});

	it('is null for an empty window (start = end)', () => {
		expect(quietUntil(utc('2024-01-05T13:00:00'), { start: '13:00', end: '13:00', timeZone: 'UTC' })).toBeNull();
	});

	describe('Europe/Berlin across DST changes', () => {
		const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };

		it('spring forward (31 March 2024): 23:00 CET waits until 07:00 CEST, 7 real hours', () => {
			const now = utc('2024-03-30T22:00:00'); // 23:00 CET
			expect(quietUntil(now, night)).toBe(utc('2024-03-31T05:00:00')); // 07:00 CEST
		});

		it('fall back (27 October 2024): 23:00 CEST waits until 07:00 CET, 9 real hours', () => {
			const now = utc('2024-10-26T21:00:00'); // 23:00 CEST
			expect(quietUntil(now, night)).toBe(utc('2024-10-27T06:00:00')); // 07:00 CET
		});

		it('an end inside the skipped hour gives a future time outside the window', () => {
			// 02:30 does not exist on 31 March; the simplification ends the window at 03:30 CEST.
			const q = { start: '22:00', end: '02:30', timeZone: 'Europe/Berlin' };
			const now = utc('2024-03-31T00:45:00'); // 01:45 CET
			const until = quietUntil(now, q) as number;
			expect(until).toBe(utc('2024-03-31T01:30:00'));
			expect(until).toBeGreaterThan(now);
			expect(isQuiet(until, q)).toBe(false);
		});

		it('an end inside the repeated hour is its next occurrence', () => {
			const q = { start: '01:00', end: '02:30', timeZone: 'Europe/Berlin' };
			expect(quietUntil(utc('2024-10-26T23:30:00'), q)).toBe(utc('2024-10-27T00:30:00')); // 01:30 CEST → 02:30 CEST
			expect(quietUntil(utc('2024-10-27T01:10:00'), q)).toBe(utc('2024-10-27T01:30:00')); // 02:10 CET → 02:30 CET
		});

		it.each([
			['Europe/Berlin', '2024-03-28T00:00:00'],
			['Europe/Berlin', '2024-10-24T00:00:00'],
			['America/Sao_Paulo', '2018-11-01T00:00:00'],
			['Australia/Lord_Howe', '2024-04-04T00:00:00'],
		])('every answer in a DST week of %s is in the future and outside the window', (timeZone, from) => {
			const windows = [
				{ start: '22:00', end: '07:00', timeZone },
				{ start: '01:30', end: '02:30', timeZone },
				{ start: '23:00', end: '02:15', timeZone },
			];
			const start = utc(from);
			let held = 0;
			for (let now = start; now < start + 7 * 86_400_000; now += 7 * 60_000 + 13_000) {
				for (const q of windows) {
					const until = quietUntil(now, q);
					if (until === null) continue;
					held++;
					expect(until).toBeGreaterThan(now);
					expect(until - now).toBeLessThanOrEqual(11 * 3_600_000);
					expect(isQuiet(until, q)).toBe(false);
				}
			}
			expect(held).toBeGreaterThan(500);
		});
	});
});
