import { jsonSize } from '../../../sidecar/src/sending/jsonSize';

/** A value nested `depth` arrays deep, built without recursion. */
function nested(depth: number): unknown {
	let value: unknown = 1;
	for (let i = 0; i < depth; i++) value = [value];
	return value;
}

const roomy = { maxDepth: 32, maxBytes: 1_000_000 };

describe('jsonSize', () => {
	it.each([
		['a number', 42],
		['a string with escapes and non-ASCII', 'a "quoted"\n résumé 履歴書 😀'],
		['null and booleans', [null, true, false]],
		['an object', { appointmentId: 42, patient: 'Ana', tags: ['x', 'y'], nested: { a: { b: [] } }, empty: {} }],
		['undefined and functions (left out of objects, null in arrays)', { a: undefined, b: () => 1, c: [undefined, () => 1, 2] }],
		['non-finite numbers', [Infinity, NaN, -0, 1e21]],
		['a Date (toJSON)', { at: new Date(0), list: [new Date(1)] }],
		['keys that need escaping', { 'a"b': 1, 'é\n': 2 }],
	])('counts %s as JSON.stringify does', (_what, value) => {
		expect(jsonSize(value, roomy)).toEqual({ within: true, bytes: Buffer.byteLength(JSON.stringify(value)) });
	});

	it('allows exactly maxDepth levels, and refuses one more', () => {
		expect(jsonSize(nested(32), roomy)).toEqual({ within: true, bytes: 65 });
		expect(jsonSize(nested(33), roomy)).toEqual({ within: false, over: 'depth' });
		expect(jsonSize({ a: { b: { c: 1 } } }, { ...roomy, maxDepth: 2 })).toEqual({ within: false, over: 'depth' });
		expect(jsonSize(1, { ...roomy, maxDepth: 0 })).toEqual({ within: true, bytes: 1 });
	});

	it('allows exactly maxBytes, and refuses one more', () => {
		const value = { note: 'x'.repeat(100) }; // 111 bytes
		expect(jsonSize(value, { maxDepth: 32, maxBytes: 111 })).toEqual({ within: true, bytes: 111 });
		expect(jsonSize(value, { maxDepth: 32, maxBytes: 110 })).toEqual({ within: false, over: 'bytes' });
	});

	it('refuses a value nested a million deep without overflowing the stack', () => {
		expect(jsonSize(nested(1_000_000), roomy)).toEqual({ within: false, over: 'depth' });
	});

	it('stops early on a huge value: its size past the limit is never counted to the end', () => {
		const huge: unknown[] = Array.from({ length: 100_000 }, (_, i) => i);
		huge.push({ toJSON: () => { throw new Error('read to the end'); } });
		expect(jsonSize(huge, { maxDepth: 32, maxBytes: 4096 })).toEqual({ within: false, over: 'bytes' });
	});
});
