import { LEDGER_SPAN_MS, SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';

const T = Date.UTC(2024, 5, 10, 9, 0, 0);
const noGap = { bulkMs: 0, replyMs: 0 };

describe('SendLedger', () => {
	it('starts empty with both lanes free', () => {
		const ledger = new SendLedger();
		expect(ledger.size).toBe(0);
		expect(ledger.nextBulkAt).toBe(0);
		expect(ledger.nextReplyAt).toBe(0);
		expect(ledger.countSince(0)).toBe(0);
		expect(ledger.oldestSince(0)).toBeNull();
	});

	it('sets both lanes next times from each send, once', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', { bulkMs: 45_000, replyMs: 2_000 });
		expect(ledger.nextBulkAt).toBe(T + 45_000);
		expect(ledger.nextReplyAt).toBe(T + 2_000);
		// A reply 5 s later restarts the bulk gap from itself.
		ledger.record(T + 5_000, 'b@c.us', { bulkMs: 40_000, replyMs: 1_500 });
		expect(ledger.nextBulkAt).toBe(T + 45_000);
		expect(ledger.nextReplyAt).toBe(T + 6_500);
		ledger.record(T + 10_000, 'b@c.us', { bulkMs: 50_000, replyMs: 1_000 });
		expect(ledger.nextBulkAt).toBe(T + 60_000);
		expect(ledger.nextReplyAt).toBe(T + 11_000);
	});

	it('never brings a next time forward for a send recorded late', () => {
		const ledger = new SendLedger();
		ledger.record(T + 60_000, 'a@c.us', { bulkMs: 30_000, replyMs: 1_000 });
		ledger.record(T, 'b@c.us', { bulkMs: 30_000, replyMs: 1_000 });
		expect(ledger.nextBulkAt).toBe(T + 90_000);
		expect(ledger.nextReplyAt).toBe(T + 61_000);
		expect(ledger.list().map((e) => e.recipient)).toEqual(['b@c.us', 'a@c.us']);
	});

	it('counts sends strictly after `since`, overall and per recipient', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', noGap);
		ledger.record(T + 1_000, 'b@c.us', noGap);
		ledger.record(T + 2_000, 'a@c.us', noGap);
		ledger.record(T + 3_000, 'a@c.us', noGap);
		expect(ledger.countSince(T - 1)).toBe(4);
		expect(ledger.countSince(T)).toBe(3);
		expect(ledger.countSince(T + 2_999)).toBe(1);
		expect(ledger.countSince(T + 3_000)).toBe(0);
		expect(ledger.countForRecipientSince('a@c.us', T - 1)).toBe(3);
		expect(ledger.countForRecipientSince('a@c.us', T)).toBe(2);
		expect(ledger.countForRecipientSince('b@c.us', T + 1_000)).toBe(0);
		expect(ledger.countForRecipientSince('c@c.us', 0)).toBe(0);
	});

	it('finds the oldest counted send, per recipient, and past a surplus', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', noGap);
		ledger.record(T + 1_000, 'b@c.us', noGap);
		ledger.record(T + 2_000, 'a@c.us', noGap);
		expect(ledger.oldestSince(T - 1)).toBe(T);
		expect(ledger.oldestSince(T)).toBe(T + 1_000);
		expect(ledger.oldestSince(T, 'a@c.us')).toBe(T + 2_000);
		expect(ledger.oldestSince(T - 1, undefined, 1)).toBe(T + 1_000);
		expect(ledger.oldestSince(T - 1, 'a@c.us', 1)).toBe(T + 2_000);
		expect(ledger.oldestSince(T - 1, 'a@c.us', 2)).toBeNull();
		expect(ledger.oldestSince(T + 2_000)).toBeNull();
	});

	it('drops sends older than 24 h when recording', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', noGap);
		ledger.record(T + 1_000, 'b@c.us', noGap);
		ledger.record(T + LEDGER_SPAN_MS, 'c@c.us', noGap);
		expect(ledger.list()).toEqual([
			{ at: T + 1_000, recipient: 'b@c.us' },
			{ at: T + LEDGER_SPAN_MS, recipient: 'c@c.us' },
		]);
		ledger.prune(T + LEDGER_SPAN_MS + 1_000);
		expect(ledger.size).toBe(1);
	});

	it('round-trips through small, plain JSON', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', { bulkMs: 45_000, replyMs: 2_000 });
		ledger.record(T + 50_000, 'b@g.us', { bulkMs: 31_000, replyMs: 1_200 });
		const json = JSON.parse(JSON.stringify(ledger));
		expect(json).toEqual({
			sends: [
				[T, 'a@c.us'],
				[T + 50_000, 'b@g.us'],
			],
			nextBulkAt: T + 81_000,
			nextReplyAt: T + 51_200,
		});
		const back = SendLedger.fromJSON(json);
		expect(back.list()).toEqual(ledger.list());
		expect(back.nextBulkAt).toBe(T + 81_000);
		expect(back.nextReplyAt).toBe(T + 51_200);
		expect(back.countForRecipientSince('b@g.us', T)).toBe(1);
	});

	it('sorts stored sends and rejects a malformed ledger', () => {
		const back = SendLedger.fromJSON({ sends: [[T + 5, 'b'], [T, 'a']], nextBulkAt: 0, nextReplyAt: 0 });
		expect(back.oldestSince(0)).toBe(T);
		expect(() => SendLedger.fromJSON({ sends: [[T, 5]], nextBulkAt: 0, nextReplyAt: 0 })).toThrow();
		expect(() => SendLedger.fromJSON({ sends: [] })).toThrow();
		expect(() => SendLedger.fromJSON(null)).toThrow();
	});
});
