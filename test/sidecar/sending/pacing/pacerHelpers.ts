import { Pacer, type PaceRequest } from '../../../../sidecar/src/sending/pacing/Pacer';
import { DEFAULT_PACING, mergePacing, type PacingInput } from '../../../../sidecar/src/sending/pacing/PacingConfig';
import { SendLedger } from '../../../../sidecar/src/sending/pacing/SendLedger';

/** Shared by the pacer tests: exact clocks, deterministic randomness, ledgers built from send times. */

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const T = Date.UTC(2024, 5, 10, 3, 0, 0); // 10:00 in Jakarta, a Monday
export const NO_GAP = { bulkMs: 0, replyMs: 0 };

export function makePacer(patch: PacingInput = {}, random: () => number = () => 0.5, enabled = true): Pacer {
	return new Pacer({ config: mergePacing(DEFAULT_PACING, patch), enabled, random });
}

/** Records sends at the given times without gaps, so only the caps are under test. */
export function ledgerWith(times: number[], recipient: (i: number) => string = (i) => `r${i}@c.us`): SendLedger {
	const ledger = new SendLedger();
	times.forEach((at, i) => ledger.record(at, recipient(i), NO_GAP));
	return ledger;
}

export const every = (count: number, stepMs: number, from = T) => Array.from({ length: count }, (_, i) => from + i * stepMs);

export function decide(pacer: Pacer, request: Partial<PaceRequest> & { ledger: SendLedger; now: number }) {
	return pacer.decide({ lane: 'bulk', recipient: 'new@c.us', ...request });
}

/** A small seeded generator (mulberry32), so the property tests are repeatable. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** The most sends inside any window (t - windowMs, t]. */
export function maxInWindow(times: number[], windowMs: number): number {
	return Math.max(...times.map((t) => times.filter((s) => s > t - windowMs && s <= t).length));
}
