import {
	cleanFilename,
	filenameFromContentDisposition,
	filenameFromUrl,
} from '../../../../sidecar/src/sending/media/filenames';
import { DEFAULT_MEDIA_POLICY, mediaPolicy } from '../../../../sidecar/src/sending/media/MediaPolicy';
import { baseMimeType, guessMimeType, isTypeAllowed } from '../../../../sidecar/src/sending/media/mimeTypes';

describe('media types', () => {
	it('reads a Content-Type without its parameters', () => {
		expect(baseMimeType('Image/JPEG; charset=binary')).toBe('image/jpeg');
		expect(baseMimeType('  application/pdf ')).toBe('application/pdf');
		expect(baseMimeType('nonsense')).toBeUndefined();
		expect(baseMimeType(undefined)).toBeUndefined();
	});

	it('guesses from an extension, in any case', () => {
		expect(guessMimeType('IMG_001.JPG')).toBe('image/jpeg');
		expect(guessMimeType('/a/b/sheet.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(guessMimeType('voice.opus')).toBe('audio/ogg');
		expect(guessMimeType('archive.tar.xz')).toBeUndefined();
		expect(guessMimeType('README')).toBeUndefined();
	});

	it('matches exact types and type/* patterns', () => {
		expect(isTypeAllowed('image/webp', ['image/*'])).toBe(true);
		expect(isTypeAllowed('imagex/webp', ['image/*'])).toBe(false);
		expect(isTypeAllowed('application/pdf', [' Application/PDF '])).toBe(true);
		expect(isTypeAllowed('application/x-sh', DEFAULT_MEDIA_POLICY.allowedTypes)).toBe(false);
		expect(isTypeAllowed('application/x-sh', ['*/*'])).toBe(true);
	});
});

describe('file names', () => {
	it('reads Content-Disposition, preferring the encoded form', () => {
		expect(filenameFromContentDisposition('attachment; filename="a \\"b\\".pdf"')).toBe('a "b".pdf');
		expect(filenameFromContentDisposition('inline; filename=plain.txt; size=3')).toBe('plain.txt');
		expect(
			filenameFromContentDisposition('attachment; filename="fallback.pdf"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.pdf'),
		).toBe('résumé.pdf');
		expect(filenameFromContentDisposition('attachment')).toBeUndefined();
		expect(filenameFromContentDisposition(undefined)).toBeUndefined();
	});

	it('takes the last path segment of a URL', () => {
		expect(filenameFromUrl(new URL('https://x.example/files/My%20Photo.jpg?size=2'))).toBe('My Photo.jpg');
		expect(filenameFromUrl(new URL('https://x.example/'))).toBeUndefined();
		expect(filenameFromUrl(new URL('https://x.example/%E0%A4%A'))).toBeUndefined();
	});

	it('keeps only a name', () => {
		expect(cleanFilename('../../etc/passwd')).toBe('passwd');
		expect(cleanFilename('C:\\Users\\me\\a.pdf')).toBe('a.pdf');
		expect(cleanFilename('bad\u0000name.txt')).toBe('badname.txt');
		expect(cleanFilename('..')).toBeUndefined();
		expect(cleanFilename(`${'x'.repeat(300)}.pdf`)).toHaveLength(200);
	});
});

describe('mediaPolicy', () => {
	it('keeps defaults for settings that are undefined', () => {
		const policy = mediaPolicy({ maxBytes: 5, allowedTypes: undefined, allowedHosts: ['10.0.0.0/8'] });
		expect(policy).toEqual({ ...DEFAULT_MEDIA_POLICY, maxBytes: 5, allowedHosts: ['10.0.0.0/8'] });
		expect(DEFAULT_MEDIA_POLICY).toMatchObject({
			maxBytes: 16 * 1024 * 1024,
			timeoutMs: 30_000,
			maxRedirects: 3,
			allowedHosts: [],
		});
	});
});
