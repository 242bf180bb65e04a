import type { PaceReason, PaceRequest } from '../../../../sidecar/src/sending/pacing/Pacer';
import { SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';
import { MINUTE, HOUR, DAY, T, makePacer, seeded, maxInWindow } from './pacerHelpers';

describe('Pacer.decide: consistency', () => {
	const zones = ['Asia/Jakarta', 'Europe/Berlin', 'America/New_York', 'UTC'];
	const reasons = new Set<PaceReason | null>();

	it('asking again at the answer gives reason null; just before it, something holds', () => {
		const random = seeded(7);
		const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
		const clock = () => `${String(Math.floor(random() * 24)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}`;
		for (let scenario = 0; scenario < 400; scenario++) {
			const start = clock();
			let end = clock();
			if (end === start) end = start === '00:00' ? '06:00' : '00:00';
			const pacer = makePacer(
				{
					caps: { perMinute: pick([2, 6]), perHour: pick([5, 80]), perDay: pick([20, 500]), perRecipientPerHour: pick([1, 4]) },
					quietHours: random() < 0.5 ? { start, end, timeZone: pick(zones) } : null,
					warmup: { schedule: [{ days: 1, perDay: 10 }, { days: 3, perDay: 15 }] },
				},
				random,
				random() < 0.9,
			);
			const now = T + Math.floor(random() * 30 * DAY);
			const ledger = new SendLedger();
			const sends = Math.floor(random() * 40);
			for (let i = 0; i < sends; i++) {
				ledger.record(now - Math.floor(random() * random() * DAY), pick(['a', 'b', 'c']), pacer.gapsAfterSend());
			}
			const request: PaceRequest = {
				lane: pick(['bulk', 'reply'] as const),
				recipient: pick(['a', 'b', 'd']),
				now,
				ledger,
				linkedAt: random() < 0.7 ? now - Math.floor(random() * 5 * DAY) : undefined,
			};
			const first = pacer.decide(request);
			reasons.add(first.reason);
			expect(first.at).toBeGreaterThanOrEqual(now);
			expect(first.reason === null).toBe(first.at === now);
			expect(pacer.decide({ ...request, now: first.at })).toEqual({ at: first.at, reason: null });
			if (first.at > now) expect(pacer.decide({ ...request, now: first.at - 1 }).reason).not.toBeNull();
		}
		// The scenarios reached every rule, so the property was tested against each.
		expect([...reasons].sort()).toEqual(
			['gap', 'perDay', 'perHour', 'perMinute', 'perRecipient', 'quietHours', 'warmup', null].sort(),
		);
	});
});

describe('a realistic campaign: 100 bulk messages to distinct recipients, default settings', () => {
	function run(random: () => number, linkedAt?: number) {
		const pacer = makePacer({}, random);
		const ledger = new SendLedger();
		const times: number[] = [];
		const reasons: Array<PaceReason | null> = [];
		let now = T;
		for (let i = 0; i < 100; i++) {
			const decision = pacer.decide({ lane: 'bulk', recipient: `62812000${i}@c.us`, now, ledger, linkedAt });
			now = decision.at;
			reasons.push(decision.reason);
			times.push(now);
			ledger.record(now, `62812000${i}@c.us`, pacer.gapsAfterSend());
		}
		return { times, reasons };
	}

	it('an established number at random = 0.5: one every 45 s, within every cap', () => {
		const { times, reasons } = run(() => 0.5);
		expect(times[0]).toBe(T);
		expect(times[99] - times[0]).toBe(99 * 45_000); // 74 min 15 s
		expect(new Set(times.slice(1).map((t, i) => t - times[i]))).toEqual(new Set([45_000]));
		expect(reasons.slice(1).every((r) => r === 'gap')).toBe(true);
		expect(maxInWindow(times, MINUTE)).toBe(2);
		expect(maxInWindow(times, HOUR)).toBe(80);
	});

	it('at random = 0 (30 s gaps) perHour takes over after 80 sends', () => {
		const { times, reasons } = run(() => 0);
		expect(times[79]).toBe(T + 79 * 30_000);
		expect(times[80]).toBe(T + HOUR);
		expect(reasons[80]).toBe('perHour');
		expect(times[99]).toBe(T + HOUR + 19 * 30_000);
		expect(maxInWindow(times, MINUTE)).toBe(2);
		expect(maxInWindow(times, HOUR)).toBe(80);
	});

	it('a number linked just now: 50 on day 1, the rest from 24 h after the first', () => {
		const { times, reasons } = run(() => 0.5, T);
		expect(times[49]).toBe(T + 49 * 45_000);
		expect(times[50]).toBe(T + DAY);
		expect(reasons[50]).toBe('warmup');
		expect(times[99]).toBe(T + DAY + 49 * 45_000);
		expect(maxInWindow(times, DAY)).toBe(50);
		expect(maxInWindow(times, HOUR)).toBeLessThanOrEqual(80);
	});
});
