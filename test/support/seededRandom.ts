/** A deterministic random source (mulberry32): the same seed gives the same sequence, on every machine. */
export class SeededRandom {
	private state: number;

	constructor(readonly seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(maxExclusive: number): number {
		return Math.floor(this.next() * maxExclusive);
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}
}
