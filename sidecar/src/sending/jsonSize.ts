/**
 * How big a value is as JSON, measured without recursion. A `reference` comes
 * from a client and may be nested 100,000 deep: JSON.stringify (and every
 * later walk over it: storing, comparing, delivering) would overflow the stack
 * before its size could even be refused. This walks it with an explicit stack
 * of one frame per level, and stops as soon as it is past `maxDepth` or
 * `maxBytes`, so a huge value costs no more than a value at the limit.
 */
export type JsonSize =
	/** `bytes`: what JSON.stringify would produce, in UTF-8. */
	| { within: true; bytes: number }
	/** Nested deeper than `maxDepth` (a scalar is depth 0, `[]` and `{}` are 1), or longer than `maxBytes`. */
	| { within: false; over: 'depth' | 'bytes' };

interface Level {
	/** The values of one array or object, in order. */
	values: unknown[];
	next: number;
	depth: number;
}

export function jsonSize(value: unknown, limits: { maxDepth: number; maxBytes: number }): JsonSize {
	let bytes = 0;
	const levels: Level[] = [];
	/** Counts a scalar, or opens a level for a container (its brackets, commas and keys counted at once). */
	const visit = (item: unknown, depth: number): 'depth' | undefined => {
		const plain = toJsonValue(item);
		if (plain === null || typeof plain !== 'object') {
			bytes += scalarBytes(plain);
			return undefined;
		}
		if (depth + 1 > limits.maxDepth) return 'depth';
		if (Array.isArray(plain)) {
			bytes += 2 + Math.max(plain.length - 1, 0);
			levels.push({ values: plain, next: 0, depth: depth + 1 });
			return undefined;
		}
		const keys = Object.keys(plain).filter((key) => !isOmitted(toJsonValue((plain as Record<string, unknown>)[key])));
		bytes += 2 + Math.max(keys.length - 1, 0);
		for (const key of keys) bytes += Buffer.byteLength(JSON.stringify(key)) + 1; // "key":
		levels.push({ values: keys.map((key) => (plain as Record<string, unknown>)[key]), next: 0, depth: depth + 1 });
		return undefined;
	};
	let over = visit(value, 0);
	while (!over && bytes <= limits.maxBytes && levels.length > 0) {
		const level = levels[levels.length - 1];
		if (level.next >= level.values.length) levels.pop();
		else over = visit(level.values[level.next++], level.depth);
	}
	if (over) return { within: false, over };
	return bytes > limits.maxBytes ? { within: false, over: 'bytes' } : { within: true, bytes };
}

/** What JSON.stringify writes for an object with toJSON (a Date): its result. */
function toJsonValue(value: unknown): unknown {
	const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
	return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

/** Left out of objects, and `null` in arrays, as JSON.stringify does. */
function isOmitted(value: unknown): boolean {
	return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function scalarBytes(value: unknown): number {
	if (isOmitted(value)) return 4; // only reached for array items, which JSON.stringify writes as null
	if (typeof value === 'bigint') return String(value).length; // JSON.stringify refuses these; never from a JSON body
	return Buffer.byteLength(JSON.stringify(value) as string);
}
