/** Counts events within the last `windowMs` (QR starts, conflicts): how many, and when the oldest leaves. */
export class SlidingWindow {
	private readonly times: number[] = [];

	constructor(private readonly windowMs: number) {}

	add(now = Date.now()): number {
		this.times.push(now);
		return this.count(now);
	}

	count(now = Date.now()): number {
		while (this.times.length && now - this.times[0] >= this.windowMs) this.times.shift();
		return this.times.length;
	}

	/** Milliseconds until the count drops by one (0 when empty). */
	msUntilNextExpiry(now = Date.now()): number {
		return this.count(now) ? this.times[0] + this.windowMs - now : 0;
	}
}
