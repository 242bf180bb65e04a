/**
 * What the API fuzz test (../fuzz.test.ts) throws at every route: path segments,
 * JSON values, whole bodies, content types and encodings. Bodies are raw text,
 * so values nested far deeper than JSON.stringify could write are possible.
 */
import zlib from 'zlib';

/** Path segments, written raw into the URL (never re-encoded). */
export const HOSTILE_SEGMENTS: readonly string[] = [
	'%FF', // not UTF-8
	'%', // a bare percent
	'%zz', // not hex
	'%E0%A4%A', // a cut escape
	'%ED%A0%80', // a UTF-16 surrogate as UTF-8
	'%C0%AE', // an overlong "."
	'..',
	'%2e%2e',
	'..%2F..%2Fetc%2Fpasswd',
	'%00',
	'%0D%0ASet-Cookie:%20x=1',
	'%20',
	'x'.repeat(65),
	'x'.repeat(8_000),
	'%F0%9F%98%80', // an emoji, well encoded
	'\u00e9', // a raw byte 0xE9 (Node sends latin1)
	'%E2%80%AEfdp.exe', // an RTL override
	'__proto__',
	'constructor',
	'null',
	'0',
	'-',
	'A'.repeat(64),
	'%2F',
	'%3F%23',
];

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** JSON texts put in place of one field of an otherwise plausible body. */
export const HOSTILE_JSON_VALUES: readonly string[] = [
	'null',
	'0',
	'-1',
	'1e308',
	'-0',
	'123456789012345678901234567890',
	'true',
	'""',
	'" "',
	'"\\u0000"',
	'"\\ud800"', // a lone surrogate
	'"%FF"',
	'"../../etc/passwd"',
	'"\\r\\nX-Injected: 1"',
	'"\\u202efdp.exe"',
	'"http://169.254.169.254/latest/meta-data/"',
	'"file:///etc/passwd"',
	'"2024-13-45T99:99:99Z"',
	JSON.stringify('x'.repeat(1024 * 1024)),
	'[]',
	'[null]',
	'{}',
	'{"__proto__":{"polluted":true}}',
	'{"constructor":{"prototype":{"polluted":true}}}',
	deepArray(5_000),
	deepObject(5_000),
	`[${Array.from({ length: 50_000 }, () => '0').join(',')}]`,
];

/** Whole bodies, not necessarily JSON. */
export const HOSTILE_BODIES: readonly string[] = [
	'',
	'{',
	'not json',
	'\u0000\u0001\u0002',
	'null',
	'[]',
	'42',
	'"text"',
	'true',
	'{}',
	'{"a":1,"a":2}',
	'\ufeff{}', // a byte-order mark
	deepArray(100_000),
	deepObject(20_000),
	`{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
];

export const HOSTILE_CONTENT_TYPES: readonly string[] = [
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=x',
	'application/json; charset=latin1',
	'application/json; charset=utf-16',
	'application/json; charset=nonsense',
	'application/json; charset="utf-8',
	'application/merge-patch+json',
	'application/json;;;',
	';;;',
	'image/png',
	'*/*',
];

/** A Content-Encoding header with what the body really is. */
export interface EncodedBody {
	encoding: string;
	body: (json: string) => Buffer;
}

export const HOSTILE_ENCODINGS: readonly EncodedBody[] = [
	{ encoding: 'gzip', body: (json) => Buffer.from(json) }, // says gzip, is not
	{ encoding: 'deflate', body: (json) => Buffer.from(json) },
	{ encoding: 'br', body: (json) => Buffer.from(json) },
	{ encoding: 'gzip', body: (json) => zlib.gzipSync(json).subarray(0, 12) }, // cut short
	{ encoding: 'compress', body: (json) => Buffer.from(json) },
	{ encoding: 'gzip, gzip', body: (json) => zlib.gzipSync(zlib.gzipSync(json)) },
	{ encoding: 'identity', body: (json) => Buffer.from(json) },
	{ encoding: 'GZIP', body: (json) => zlib.gzipSync(json) }, // true, in capitals
];

/** 40 MB of zeros, gzipped to about 40 KB: must be cut at the body limit, not inflated in full. */
export const GZIP_BOMB: Buffer = zlib.gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));

export const HOSTILE_HEADERS: ReadonlyArray<Record<string, string>> = [
	{},
	{ accept: 'image/png' },
	{ accept: 'text/html;q=foo, */*;q=0.1' },
	{ accept: '' },
	{ 'accept-charset': 'latin1' },
	{ 'x-forwarded-for': '::1, 127.0.0.1' },
	{ range: 'bytes=999999-' },
	{ 'if-none-match': '*' },
];

/** Query strings added to a path. */
export const HOSTILE_QUERIES: readonly string[] = [
	'',
	'?format=png',
	'?format=json',
	'?reference=%7B%22appointmentId%22%3A42%7D',
	`?reference=${'%5B'.repeat(1_500)}${'%5D'.repeat(1_500)}`,
	'?reference=%FF',
	'?reference=',
	'?reference[]=1&reference[]=2',
	'?a=%FF&b=%',
	`?${Array.from({ length: 1_000 }, (_, i) => `p${i}=1`).join('&')}`,
];
