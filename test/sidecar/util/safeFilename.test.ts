import { safeFilename } from '../../../sidecar/src/util/safeFilename';

describe('safeFilename', () => {
	it.each([
		['a plain name', 'report.pdf', 'report.pdf'],
		['letters of any script', 'résumé 履歴書.pdf', 'résumé 履歴書.pdf'],
		['an RTL override (U+202E)', 'invoice\u202efdp.exe', 'invoicefdp.exe'],
		['LRM and RLM (U+200E/F)', '\u200ea\u200fb.txt', 'ab.txt'],
		['embeddings and overrides (U+202A–E)', 'a\u202a\u202b\u202c\u202d\u202eb', 'ab'],
		['isolates (U+2066–9)', '\u2066a\u2067b\u2068c\u2069.txt', 'abc.txt'],
		['the Arabic letter mark (U+061C)', 'a\u061cb', 'ab'],
		['C0 controls, CR/LF among them', 'a\r\nb\u0000c\u001f.txt', 'abc.txt'],
		['DEL and C1 controls', 'a\u007fb\u0085c\u009f.txt', 'abc.txt'],
		['folders (both slashes)', '../../etc/passwd', 'passwd'],
		['Windows folders', 'C:\\Users\\x\\evil.bat', 'evil.bat'],
		['surrounding spaces', '  a.txt  ', 'a.txt'],
	])('%s', (_what, name, expected) => {
		expect(safeFilename(name)).toBe(expected);
	});

	it.each([[undefined], [null], [''], ['  '], ['.'], ['..'], ['dir/'], ['\u202e\r\n']])('%j leaves no name', (name) => {
		expect(safeFilename(name)).toBeUndefined();
	});

	it('keeps the end of a very long name, where the extension is', () => {
		const name = safeFilename(`${'a'.repeat(500)}.pdf`)!;
		expect(name).toHaveLength(200);
		expect(name.endsWith('.pdf')).toBe(true);
	});
});
