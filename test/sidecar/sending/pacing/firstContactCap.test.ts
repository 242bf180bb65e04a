import { ValidationError } from '../../../../sidecar/src/errors';
import { DEFAULT_PACING, mergePacing, parsePacing } from '../../../../sidecar/src/sending/pacing/PacingConfig';
import { SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';
import { DAY, HOUR, MINUTE, NO_GAP, T, decide, every, makePacer } from './pacerHelpers';

/** Records sends without gaps; `firstContact(i)` says which of them went to someone who never wrote. */
function ledgerOf(times: number[], firstContact: (i: number) => boolean): SendLedger {
	const ledger = new SendLedger();
	times.forEach((at, i) => ledger.record(at, `r${i}@c.us`, NO_GAP, firstContact(i)));
	return ledger;
}

describe('the first-contact cap', () => {
	const capsOnly = { minGapMs: 0, jitterMs: 0, warmup: { enabled: false } };

	it('is on by default: 20 first contacts in any 24 h', () => {
		expect(DEFAULT_PACING.caps.firstContactPerDay).toBe(20);
		const pacer = makePacer(capsOnly);
		const sends = every(20, HOUR / 2); // within perHour, well under perDay
		const ledger = ledgerOf(sends, () => true);
		const now = T + 10 * HOUR;
		// The oldest first contact leaves the window a day after it was sent.
		expect(decide(pacer, { ledger, now, firstContact: true })).toEqual({ at: T + DAY, reason: 'firstContactPerDay' });
		expect(decide(pacer, { ledger, now: T + DAY, firstContact: true }).reason).toBeNull();
	});

	it('holds only first contacts: someone who wrote is not held, and an unknown recipient neither', () => {
		const pacer = makePacer({ ...capsOnly, caps: { firstContactPerDay: 2 } });
		const ledger = ledgerOf(every(2, MINUTE), () => true);
		const now = T + HOUR;
		expect(decide(pacer, { ledger, now, firstContact: true }).reason).toBe('firstContactPerDay');
		expect(decide(pacer, { ledger, now, firstContact: false })).toEqual({ at: now, reason: null });
		expect(decide(pacer, { ledger, now })).toEqual({ at: now, reason: null });
	});

	it('counts first contacts only, not the other sends of the day', () => {
		const pacer = makePacer({ ...capsOnly, caps: { firstContactPerDay: 3 } });
		// 30 sends, every tenth to someone new: 3 first contacts, the first at T.
		const ledger = ledgerOf(every(30, MINUTE), (i) => i % 10 === 0);
		expect(ledger.countFirstContactsSince(T - 1)).toBe(3);
		expect(decide(pacer, { ledger, now: T + HOUR, firstContact: true })).toEqual({ at: T + DAY, reason: 'firstContactPerDay' });
		// One fewer first contact in the window and the next may go.
		const fewer = ledgerOf(every(30, MINUTE), (i) => i === 10 || i === 20);
		expect(decide(pacer, { ledger: fewer, now: T + HOUR, firstContact: true }).reason).toBeNull();
	});

	it('after the cap was lowered, waits until the surplus has left the window too', () => {
		const pacer = makePacer({ ...capsOnly, caps: { firstContactPerDay: 2 } });
		const sends = every(4, HOUR);
		expect(decide(pacer, { ledger: ledgerOf(sends, () => true), now: T + 5 * HOUR, firstContact: true })).toEqual({
			at: T + 2 * HOUR + DAY,
			reason: 'firstContactPerDay',
		});
	});

	it('is off with null, and with SIDECAR_PACING=off', () => {
		const ledger = ledgerOf(every(50, MINUTE), () => true);
		const now = T + HOUR;
		expect(decide(makePacer({ ...capsOnly, caps: { firstContactPerDay: null, perHour: 500 } }), { ledger, now, firstContact: true }).reason).toBeNull();
		expect(decide(makePacer(capsOnly, () => 0.5, false), { ledger, now, firstContact: true }).reason).toBeNull();
	});

	it('is a session setting: merged with the other caps, null allowed, 0 and fractions refused', () => {
		const lowered = mergePacing(DEFAULT_PACING, { caps: { firstContactPerDay: 5 } });
		expect(lowered.caps).toMatchObject({ firstContactPerDay: 5, perDay: 500 });
		expect(mergePacing(lowered, { caps: { perHour: 40 } }).caps.firstContactPerDay).toBe(5);
		expect(mergePacing(lowered, { caps: { firstContactPerDay: null } }).caps.firstContactPerDay).toBeNull();
		expect(() => parsePacing({ caps: { firstContactPerDay: 0 } })).toThrow(ValidationError);
		expect(() => parsePacing({ caps: { firstContactPerDay: 2.5 } })).toThrow(/pacing\.caps\.firstContactPerDay/);
	});
});

describe('SendLedger: first contacts', () => {
	it('keeps them through JSON, and reads ledgers stored before they were counted', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', NO_GAP, true);
		ledger.record(T + 1, 'b@c.us', NO_GAP);
		const json = JSON.parse(JSON.stringify(ledger));
		expect(json.sends).toEqual([
			[T, 'a@c.us', 1],
			[T + 1, 'b@c.us'],
		]);
		const back = SendLedger.fromJSON(json);
		expect(back.countFirstContactsSince(T - 1)).toBe(1);
		expect(back.oldestFirstContactSince(T - 1)).toBe(T);
		expect(back.list()).toEqual(ledger.list());

		const old = SendLedger.fromJSON({ sends: [[T, 'a@c.us']], nextBulkAt: 0, nextReplyAt: 0 });
		expect(old.countSince(T - 1)).toBe(1);
		expect(old.countFirstContactsSince(T - 1)).toBe(0);
		expect(() => SendLedger.fromJSON({ sends: [[T, 'a@c.us', 2]], nextBulkAt: 0, nextReplyAt: 0 })).toThrow();
	});
});
