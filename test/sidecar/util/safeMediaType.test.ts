import { safeMediaType } from '../../../sidecar/src/util/safeMediaType';

describe('safeMediaType', () => {
	it.each([
		['image/png', 'image/png'],
		['IMAGE/PNG', 'image/png'],
		[' application/pdf ', 'application/pdf'],
		['image/png\r\n', 'image/png'], // only surrounding white space: trimmed
		['audio/ogg; codecs=opus', 'audio/ogg; codecs=opus'],
		['text/plain; charset="UTF-8"', 'text/plain; charset="UTF-8"'],
		['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['image/svg+xml', 'image/svg+xml'],
	])('keeps the valid type %j', (type, expected) => {
		expect(safeMediaType(type)).toBe(expected);
	});

	it.each([
		['CR/LF and a header', 'image/png\r\nSet-Cookie: a=b'],
		['a bare LF inside', 'image/\npng'],
		['a NUL', 'image/png\u0000'],
		['no subtype', 'image'],
		['an empty subtype', 'image/'],
		['two slashes', 'image/png/x'],
		['spaces inside', 'image/ png'],
		['non-ASCII', 'imagé/png'],
		['a parameter without a value', 'audio/ogg; codecs'],
		['a control character in a quoted parameter', 'text/plain; name="a\rb"'],
		['an endless type', `image/${'x'.repeat(300)}`],
		['empty', ''],
		['undefined', undefined],
		['null', null],
	])('turns %s into application/octet-stream', (_what, type) => {
		expect(safeMediaType(type)).toBe('application/octet-stream');
	});
});
