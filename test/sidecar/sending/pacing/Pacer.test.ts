import type { PacingInput } from '../../../../sidecar/src/sending/pacing/PacingConfig';
import { SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';
import { SECOND, MINUTE, HOUR, DAY, T, NO_GAP, makePacer, ledgerWith, every, decide, seeded } from './pacerHelpers';

describe('Pacer.gapsAfterSend', () => {
	it('is the minimum gap at random = 0 and minimum + jitter at random → 1', () => {
		expect(makePacer({}, () => 0).gapsAfterSend()).toEqual({ bulkMs: 30_000, replyMs: 1_000, reactionMs: 500 });
		expect(makePacer({}, () => 0.999_999_9).gapsAfterSend()).toEqual({ bulkMs: 60_000, replyMs: 3_000, reactionMs: 1_500 });
		const draws = [0.5, 0.25];
		expect(makePacer({}, () => draws.shift() as number).gapsAfterSend()).toEqual({ bulkMs: 45_000, replyMs: 1_500, reactionMs: 750 });
	});

	it('stays inside the bounds over many draws and really spreads', () => {
		const pacer = makePacer({}, seeded(42));
		const gaps = Array.from({ length: 2_000 }, () => pacer.gapsAfterSend());
		const bulk = gaps.map((g) => g.bulkMs);
		const reply = gaps.map((g) => g.replyMs);
		expect(Math.min(...bulk)).toBeGreaterThanOrEqual(30_000);
		expect(Math.max(...bulk)).toBeLessThanOrEqual(60_000);
		expect(Math.min(...reply)).toBeGreaterThanOrEqual(1_000);
		expect(Math.max(...reply)).toBeLessThanOrEqual(3_000);
		expect(Math.min(...bulk)).toBeLessThan(31_000);
		expect(Math.max(...bulk)).toBeGreaterThan(59_000);
		expect(new Set(bulk).size).toBeGreaterThan(1_500);
	});

	it('follows the configured gaps', () => {
		const pacer = makePacer({ minGapMs: 5_000, jitterMs: 25_000, reply: { minGapMs: 0, jitterMs: 0 } }, () => 0.2);
		expect(pacer.gapsAfterSend()).toEqual({ bulkMs: 10_000, replyMs: 0, reactionMs: 700 });
	});
});

describe('Pacer.decide: gaps', () => {
	it('lets the first message go at once', () => {
		expect(decide(makePacer(), { ledger: new SendLedger(), now: T })).toEqual({ at: T, reason: null });
	});

	it('holds bulk for the drawn bulk gap and a reply only for the short reply gap', () => {
		const pacer = makePacer();
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', pacer.gapsAfterSend()); // 45 s and 2 s
		expect(decide(pacer, { ledger, now: T + SECOND })).toEqual({ at: T + 45_000, reason: 'gap' });
		expect(decide(pacer, { ledger, now: T + SECOND, lane: 'reply' })).toEqual({ at: T + 2_000, reason: 'gap' });
		expect(decide(pacer, { ledger, now: T + 2_000, lane: 'reply' })).toEqual({ at: T + 2_000, reason: null });
		expect(decide(pacer, { ledger, now: T + 45_000 })).toEqual({ at: T + 45_000, reason: null });
	});

	it('does not draw again when asked again', () => {
		const random = jest.fn(() => 0.5);
		const pacer = makePacer({}, random);
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', pacer.gapsAfterSend());
		expect(random).toHaveBeenCalledTimes(2);
		const answers = [T + 1, T + 10_000, T + 30_000].map((now) => decide(pacer, { ledger, now }).at);
		expect(answers).toEqual([T + 45_000, T + 45_000, T + 45_000]);
		expect(random).toHaveBeenCalledTimes(2);
	});
});

describe('Pacer.decide: caps', () => {
	const capsOnly: PacingInput = { minGapMs: 0, jitterMs: 0, reply: { minGapMs: 0, jitterMs: 0 } };

	it('perMinute: the 7th send in 60 s waits until the oldest is 60 s old', () => {
		const pacer = makePacer(capsOnly);
		const ledger = ledgerWith(every(6, SECOND));
		expect(decide(pacer, { ledger, now: T + 10 * SECOND })).toEqual({ at: T + MINUTE, reason: 'perMinute' });
		expect(decide(pacer, { ledger, now: T + MINUTE - 1 })).toEqual({ at: T + MINUTE, reason: 'perMinute' });
		expect(decide(pacer, { ledger, now: T + MINUTE })).toEqual({ at: T + MINUTE, reason: null });
		expect(decide(pacer, { ledger: ledgerWith(every(5, SECOND)), now: T + 10 * SECOND }).reason).toBeNull();
	});

	it('perMinute counts the reply lane too', () => {
		const pacer = makePacer(capsOnly);
		const ledger = ledgerWith(every(6, SECOND));
		expect(decide(pacer, { ledger, now: T + 6 * SECOND, lane: 'reply' })).toEqual({ at: T + MINUTE, reason: 'perMinute' });
	});

	it('a window over a lowered cap waits for the surplus to leave as well', () => {
		const pacer = makePacer({ ...capsOnly, caps: { perMinute: 3 } });
		const ledger = ledgerWith(every(6, SECOND)); // 6 sends, cap now 3: the 4th oldest must leave
		expect(decide(pacer, { ledger, now: T + 10 * SECOND })).toEqual({ at: T + 3 * SECOND + MINUTE, reason: 'perMinute' });
		// A large surplus in one step: 100 sends today, perDay lowered to 10 → the 91st oldest must leave.
		const day = makePacer({ ...capsOnly, caps: { perDay: 10 } });
		const full = ledgerWith(every(100, 5 * MINUTE));
		expect(decide(day, { ledger: full, now: T + 500 * MINUTE })).toEqual({ at: T + 90 * 5 * MINUTE + DAY, reason: 'perDay' });
	});

	it('perHour: the 81st send in an hour waits until the oldest is an hour old', () => {
		const pacer = makePacer(capsOnly);
		const ledger = ledgerWith(every(80, 40 * SECOND)); // last at T + 3 160 s
		expect(decide(pacer, { ledger, now: T + 3_200 * SECOND })).toEqual({ at: T + HOUR, reason: 'perHour' });
		expect(decide(pacer, { ledger, now: T + HOUR })).toEqual({ at: T + HOUR, reason: null });
		expect(decide(pacer, { ledger: ledgerWith(every(79, 40 * SECOND)), now: T + 3_200 * SECOND }).reason).toBeNull();
	});

	it('perDay: the 501st send in 24 h waits until the oldest is a day old', () => {
		const pacer = makePacer(capsOnly);
		const ledger = ledgerWith(every(500, 150 * SECOND)); // last at T + 74 850 s
		expect(decide(pacer, { ledger, now: T + 75_000 * SECOND })).toEqual({ at: T + DAY, reason: 'perDay' });
		expect(decide(pacer, { ledger, now: T + DAY })).toEqual({ at: T + DAY, reason: null });
		expect(decide(pacer, { ledger: ledgerWith(every(499, 150 * SECOND)), now: T + 75_000 * SECOND }).reason).toBeNull();
	});

	it('perRecipientPerHour: a 5th message to one person in an hour waits; others go', () => {
		const pacer = makePacer(capsOnly);
		const ledger = ledgerWith(every(4, 10 * MINUTE), () => 'a@c.us');
		const now = T + 40 * MINUTE;
		expect(decide(pacer, { ledger, now, recipient: 'a@c.us' })).toEqual({ at: T + HOUR, reason: 'perRecipient' });
		expect(decide(pacer, { ledger, now, recipient: 'a@c.us', lane: 'reply' })).toEqual({
			at: T + HOUR,
			reason: 'perRecipient',
		});
		expect(decide(pacer, { ledger, now, recipient: 'b@c.us' })).toEqual({ at: now, reason: null });
		// After the first leaves, the next one frees 10 minutes later.
		ledger.record(T + HOUR, 'a@c.us', NO_GAP);
		expect(decide(pacer, { ledger, now: T + HOUR, recipient: 'a@c.us' })).toEqual({
			at: T + HOUR + 10 * MINUTE,
			reason: 'perRecipient',
		});
	});

	it('reports the rule that decides the final time when several hold', () => {
		const pacer = makePacer({ minGapMs: 30_000, jitterMs: 0 });
		const ledger = new SendLedger();
		every(6, SECOND).forEach((at) => ledger.record(at, 'a@c.us', pacer.gapsAfterSend()));
		// Gap: T + 35 s; perMinute: T + 60 s; perRecipient (4 to a@c.us): T + 1 h.
		expect(decide(pacer, { ledger, now: T + 6 * SECOND, recipient: 'a@c.us' })).toEqual({
			at: T + 2 * SECOND + HOUR,
			reason: 'perRecipient',
		});
		expect(decide(pacer, { ledger, now: T + 6 * SECOND, recipient: 'b@c.us' })).toEqual({
			at: T + MINUTE,
			reason: 'perMinute',
		});
	});
});

describe('Pacer with SIDECAR_PACING=off', () => {
	const ledger = ledgerWith(every(600, SECOND), () => 'a@c.us');
	ledger.record(T + 600 * SECOND, 'a@c.us', { bulkMs: HOUR, replyMs: HOUR });

	it('drops gaps, caps and warm-up', () => {
		const pacer = makePacer({}, () => 0.5, false);
		const now = T + 601 * SECOND;
		expect(decide(pacer, { ledger, now, recipient: 'a@c.us', linkedAt: T })).toEqual({ at: now, reason: null });
		expect(decide(pacer, { ledger, now, lane: 'reply', recipient: 'a@c.us' })).toEqual({ at: now, reason: null });
		expect(pacer.gapsAfterSend()).toEqual({ bulkMs: 0, replyMs: 0, reactionMs: 0 });
		expect(makePacer({ typing: { enabled: true } }, () => 0.5, false).typingMs(100)).toBe(0);
	});

	it('keeps quiet hours the user set, for bulk only', () => {
		const quietHours = { start: '21:00', end: '07:00', timeZone: 'Asia/Jakarta' };
		const pacer = makePacer({ quietHours }, () => 0.5, false);
		const night = Date.UTC(2024, 5, 10, 16, 30);
		expect(decide(pacer, { ledger, now: night })).toEqual({ at: Date.UTC(2024, 5, 11), reason: 'quietHours' });
		expect(decide(pacer, { ledger, now: night, lane: 'reply' })).toEqual({ at: night, reason: null });
	});
});

describe('Pacer.typingMs', () => {
	it('is 0 unless typing is enabled', () => {
		expect(makePacer().typingMs(100)).toBe(0);
	});

	it('grows 50 ms a character between 1 s and 8 s', () => {
		const pacer = makePacer({ typing: { enabled: true } });
		expect([0, 10, 20, 100, 159, 160, 1_000].map((n) => pacer.typingMs(n))).toEqual([
			1_000, 1_000, 1_000, 5_000, 7_950, 8_000, 8_000,
		]);
	});
});
