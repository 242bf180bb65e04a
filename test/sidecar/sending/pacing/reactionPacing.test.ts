import { SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';
import { decide, HOUR, makePacer, SECOND, T } from './pacerHelpers';

/** Reactions: the reply lane, a small gap of their own, the session's caps but not the per-recipient one. */
describe('pacing reactions', () => {
	const pacer = makePacer({ warmup: { enabled: false }, reaction: { minGapMs: 500, jitterMs: 1_000 } }, () => 0.5);

	it('waits only for the reaction gap after a message, and a reaction does not delay the next message', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', pacer.gapsAfterSend());
		// Bulk waits 45 s and a reply 2 s after the message; a reaction 1 s.
		expect(decide(pacer, { ledger, now: T, lane: 'reply', reaction: true })).toEqual({ at: T + SECOND, reason: 'gap' });
		expect(decide(pacer, { ledger, now: T, lane: 'reply' }).at).toBe(T + 2 * SECOND);
		ledger.record(T + SECOND, 'a@c.us', pacer.gapsAfterSend(), false, true);
		expect(decide(pacer, { ledger, now: T + SECOND, lane: 'reply', reaction: true }).at).toBe(T + 2 * SECOND);
		expect(decide(pacer, { ledger, now: T + SECOND, lane: 'reply' }).at).toBe(T + 2 * SECOND);
		expect(decide(pacer, { ledger, now: T + SECOND }).at).toBe(T + 45 * SECOND);
	});

	it('counts reactions against the session caps, not against the per-recipient cap', () => {
		const capped = makePacer({ warmup: { enabled: false }, caps: { perRecipientPerHour: 2, perMinute: 100 }, reaction: { minGapMs: 0, jitterMs: 0 } });
		const ledger = new SendLedger();
		for (let i = 0; i < 5; i++) ledger.record(T + i * SECOND, 'a@c.us', { bulkMs: 0, replyMs: 0, reactionMs: 0 }, false, true);
		const now = T + 10 * SECOND;
		expect(decide(capped, { ledger, now, lane: 'reply', recipient: 'a@c.us' })).toEqual({ at: now, reason: null });
		ledger.record(now, 'a@c.us', { bulkMs: 0, replyMs: 0 });
		ledger.record(now, 'a@c.us', { bulkMs: 0, replyMs: 0 });
		expect(decide(capped, { ledger, now, lane: 'reply', recipient: 'a@c.us' })).toEqual({ at: now + HOUR, reason: 'perRecipient' });
		expect(decide(capped, { ledger, now, lane: 'reply', recipient: 'a@c.us', reaction: true })).toEqual({ at: now, reason: null });
		expect(ledger.countSince(T - 1)).toBe(7);
	});

	it('keeps reactions and their gap through the stored form, and reads ledgers stored before them', () => {
		const ledger = new SendLedger();
		ledger.record(T, 'a@c.us', { bulkMs: 30_000, replyMs: 1_000, reactionMs: 700 });
		ledger.record(T + SECOND, 'a@c.us', { bulkMs: 0, replyMs: 0, reactionMs: 900 }, false, true);
		const again = SendLedger.fromJSON(JSON.parse(JSON.stringify(ledger.toJSON())));
		expect(again.list()).toEqual([{ at: T, recipient: 'a@c.us' }, { at: T + SECOND, recipient: 'a@c.us', reaction: true }]);
		expect(again.nextReactionAt).toBe(T + 1_900);
		expect(again.nextBulkAt).toBe(T + 30_000);
		const old = SendLedger.fromJSON({ sends: [[T, 'a@c.us']], nextBulkAt: T, nextReplyAt: T });
		expect(old.nextReactionAt).toBe(0);
	});
});
