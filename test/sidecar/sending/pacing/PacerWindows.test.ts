import type { PacingInput } from '../../../../sidecar/src/sending/pacing/PacingConfig';
import { SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';
import { SECOND, MINUTE, HOUR, DAY, T, makePacer, ledgerWith, every, decide } from './pacerHelpers';

describe('Pacer.decide: warm-up', () => {
	const capsOnly: PacingInput = { minGapMs: 0, jitterMs: 0 };
	const fiftySends = every(50, 2 * MINUTE); // last at T + 98 min

	it('day 1 with the default schedule: 50 in 24 h, then the oldest must be a day old', () => {
		const pacer = makePacer(capsOnly);
		const linkedAt = T - HOUR;
		const now = T + 100 * MINUTE;
		expect(decide(pacer, { ledger: ledgerWith(fiftySends), now, linkedAt })).toEqual({ at: T + DAY, reason: 'warmup' });
		expect(decide(pacer, { ledger: ledgerWith(fiftySends), now: T + DAY, linkedAt }).reason).toBeNull();
		expect(decide(pacer, { ledger: ledgerWith(fiftySends.slice(1)), now, linkedAt }).reason).toBeNull();
	});

	it('opens when the next stage begins if that comes first', () => {
		const pacer = makePacer(capsOnly);
		const linkedAt = T - 36 * HOUR; // T is day 2; day 3 (200 a day) begins at T + 12 h
		const ledger = ledgerWith(fiftySends);
		expect(decide(pacer, { ledger, now: T + 100 * MINUTE, linkedAt })).toEqual({ at: T + 12 * HOUR, reason: 'warmup' });
		expect(decide(pacer, { ledger, now: T + 12 * HOUR, linkedAt }).reason).toBeNull();
	});

	it('day 3 allows 200 in 24 h', () => {
		const pacer = makePacer(capsOnly);
		const linkedAt = T - 2 * DAY - HOUR;
		const sends = every(200, MINUTE); // 60 an hour, under perHour
		expect(decide(pacer, { ledger: ledgerWith(sends), now: T + 200 * MINUTE, linkedAt })).toEqual({
			at: T + DAY,
			reason: 'warmup',
		});
		expect(decide(pacer, { ledger: ledgerWith(sends.slice(1)), now: T + 200 * MINUTE, linkedAt }).reason).toBeNull();
	});

	it('after the schedule only caps.perDay applies', () => {
		const pacer = makePacer(capsOnly);
		const sends = every(500, 150 * SECOND);
		for (const linkedAt of [T - 10 * DAY, T - 30 * DAY]) {
			expect(decide(pacer, { ledger: ledgerWith(sends), now: T + 75_000 * SECOND, linkedAt })).toEqual({
				at: T + DAY,
				reason: 'perDay',
			});
			expect(decide(pacer, { ledger: ledgerWith(sends.slice(1)), now: T + 75_000 * SECOND, linkedAt }).reason).toBeNull();
		}
	});

	it('does nothing when disabled or without a linking time', () => {
		const now = T + 100 * MINUTE;
		const off = makePacer({ ...capsOnly, warmup: { enabled: false } });
		expect(decide(off, { ledger: ledgerWith(fiftySends), now, linkedAt: T - HOUR }).reason).toBeNull();
		expect(decide(makePacer(capsOnly), { ledger: ledgerWith(fiftySends), now }).reason).toBeNull();
	});

	it('a tighter caps.perDay is reported as perDay', () => {
		const pacer = makePacer({ ...capsOnly, caps: { perDay: 40 } });
		const ledger = ledgerWith(fiftySends.slice(0, 40));
		expect(decide(pacer, { ledger, now: T + 100 * MINUTE, linkedAt: T - HOUR })).toEqual({ at: T + DAY, reason: 'perDay' });
	});
});

describe('Pacer.decide: quiet hours (Asia/Jakarta 21:00–07:00)', () => {
	const quietHours = { start: '21:00', end: '07:00', timeZone: 'Asia/Jakarta' };
	const night = Date.UTC(2024, 5, 10, 16, 30); // 23:30 WIB
	const morning = Date.UTC(2024, 5, 11, 0, 0); // 07:00 WIB

	it('holds bulk at 23:30 local until 07:00 local, and not at noon', () => {
		const pacer = makePacer({ quietHours });
		expect(decide(pacer, { ledger: new SendLedger(), now: night })).toEqual({ at: morning, reason: 'quietHours' });
		const noon = Date.UTC(2024, 5, 10, 5, 0);
		expect(decide(pacer, { ledger: new SendLedger(), now: noon })).toEqual({ at: noon, reason: null });
	});

	it('does not hold replies, which still keep their gap and caps', () => {
		const pacer = makePacer({ quietHours });
		expect(decide(pacer, { ledger: new SendLedger(), now: night, lane: 'reply' })).toEqual({ at: night, reason: null });
		const ledger = ledgerWith(every(4, MINUTE, night - 10 * MINUTE), () => 'a@c.us');
		expect(decide(pacer, { ledger, now: night, lane: 'reply', recipient: 'a@c.us' })).toEqual({
			at: night - 10 * MINUTE + HOUR,
			reason: 'perRecipient',
		});
	});

	it('a gap running into the window waits for its end', () => {
		const pacer = makePacer({ quietHours });
		const ledger = new SendLedger();
		const lastSend = Date.UTC(2024, 5, 10, 13, 59, 30); // 20:59:30 WIB
		ledger.record(lastSend, 'a@c.us', pacer.gapsAfterSend()); // next bulk 21:00:15
		expect(decide(pacer, { ledger, now: lastSend + 10 * SECOND })).toEqual({ at: morning, reason: 'quietHours' });
	});

	it('a cap still full at the end of the window holds on past it', () => {
		const pacer = makePacer({ quietHours });
		// Four night-time replies to a@c.us between 06:15 and 06:45 WIB.
		const ledger = ledgerWith(every(4, 10 * MINUTE, morning - 45 * MINUTE), () => 'a@c.us');
		expect(decide(pacer, { ledger, now: night, recipient: 'a@c.us' })).toEqual({
			at: morning + 15 * MINUTE,
			reason: 'perRecipient',
		});
	});
});
