import { randomBytes } from 'crypto';
import { coded } from '../../../support/coded';
import { checkMediaInput, loadMedia } from '../../../../sidecar/src/sending/media/loadMedia';
import { DEFAULT_MEDIA_POLICY, mediaPolicy, type MediaInput } from '../../../../sidecar/src/sending/media/MediaPolicy';

const BYTES = randomBytes(300);
const BASE64 = BYTES.toString('base64');

/** loadMedia and checkMediaInput must agree on what is wrong. */
async function bothRefuse(input: unknown, expected: object, policy = DEFAULT_MEDIA_POLICY): Promise<void> {
	expect(() => checkMediaInput(input as MediaInput, policy)).toThrow(expect.objectContaining(expected));
	await expect(loadMedia(input as MediaInput, policy)).rejects.toMatchObject(expected);
}

describe('loadMedia from base64', () => {
	it('decodes the bytes with their type and name', async () => {
		const media = await loadMedia(
			{ base64: BASE64, mimetype: 'Image/PNG', filename: 'C:\\photos\\cat.png' },
			DEFAULT_MEDIA_POLICY,
		);
		expect(media.data.equals(BYTES)).toBe(true);
		expect(media).toMatchObject({ mimetype: 'image/png', filename: 'cat.png' });
	});

	it('accepts line breaks, a data: URL prefix and the URL-safe alphabet', async () => {
		const wrapped = BASE64.replace(/(.{76})/g, '$1\r\n');
		expect((await loadMedia({ base64: wrapped, mimetype: 'image/png' }, DEFAULT_MEDIA_POLICY)).data.equals(BYTES)).toBe(
			true,
		);
		const dataUrl = await loadMedia({ base64: `data:image/webp;base64,${BASE64}` } as MediaInput, DEFAULT_MEDIA_POLICY);
		expect(dataUrl).toMatchObject({ mimetype: 'image/webp' });
		const urlSafe = BYTES.toString('base64url');
		expect((await loadMedia({ base64: urlSafe, mimetype: 'image/png' }, DEFAULT_MEDIA_POLICY)).data.equals(BYTES)).toBe(
			true,
		);
	});

	it('refuses text that is not base64', async () => {
		for (const base64 of ['not base64!', 'QUJD\u00e9', 'QUJDR', 'QQ=A', 'QQ=']) {
			await bothRefuse({ base64, mimetype: 'image/png' }, coded('MEDIA_INVALID', 400));
		}
		await bothRefuse(
			{ base64: ' ', mimetype: 'image/png' },
			{ code: 'MEDIA_INVALID', message: expect.stringMatching(/empty/) },
		);
	});

	it('refuses data over the cap, with its size', async () => {
		await bothRefuse(
			{ base64: BASE64, mimetype: 'image/png' },
			coded('MEDIA_TOO_LARGE', 413, { details: { maxBytes: 299, bytes: 300 } }),
			mediaPolicy({ maxBytes: 299 }),
		);
		expect(() =>
			checkMediaInput({ base64: BASE64, mimetype: 'image/png' }, mediaPolicy({ maxBytes: 300 })),
		).not.toThrow();
	});

	it('refuses a type outside the allow-list, and a missing or malformed type', async () => {
		await bothRefuse(
			{ base64: BASE64, mimetype: 'application/x-msdownload' },
			coded('MEDIA_TYPE_NOT_ALLOWED', 415, {
				details: expect.objectContaining({ mimetype: 'application/x-msdownload' }),
			}),
		);
		await bothRefuse(
			{ base64: BASE64 },
			{ code: 'MEDIA_INVALID', message: expect.stringMatching(/mimetype is missing/) },
		);
		await bothRefuse(
			{ base64: BASE64, mimetype: 'png' },
			{ code: 'MEDIA_INVALID', message: expect.stringMatching(/"png"/) },
		);
	});

	it('allows the common document types by default', () => {
		for (const mimetype of [
			'application/pdf',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'text/csv',
			'text/plain',
			'application/zip',
			'audio/ogg',
			'video/mp4',
		]) {
			expect(() => checkMediaInput({ base64: BASE64, mimetype }, DEFAULT_MEDIA_POLICY)).not.toThrow();
		}
	});
});

describe('checkMediaInput', () => {
	it('accepts http(s) URLs to host names without resolving them', () => {
		expect(() => checkMediaInput({ url: 'https://cdn.example.com/a.jpg' }, DEFAULT_MEDIA_POLICY)).not.toThrow();
		expect(() => checkMediaInput({ url: 'http://93.184.216.34/a.jpg' }, DEFAULT_MEDIA_POLICY)).not.toThrow();
	});

	it('refuses other schemes and text that is not a URL', async () => {
		await bothRefuse(
			{ url: 'ftp://example.com/a.jpg' },
			{ code: 'MEDIA_INVALID', message: expect.stringMatching(/ftp:/) },
		);
		await bothRefuse({ url: 'file:///etc/passwd' }, { code: 'MEDIA_INVALID' });
		await bothRefuse(
			{ url: 'cdn.example.com/a.jpg' },
			{ code: 'MEDIA_INVALID', message: expect.stringMatching(/not a URL/) },
		);
	});

	it('refuses literal private addresses and localhost unless allowed', async () => {
		for (const url of [
			'http://127.0.0.1:8080/a.jpg',
			'http://localhost/a.jpg',
			'http://[fd00::1]/',
			'http://100.64.1.1/',
		]) {
			await bothRefuse({ url }, { code: 'MEDIA_URL_BLOCKED' });
		}
		const allowed = mediaPolicy({ allowedHosts: ['localhost', '127.0.0.0/8'] });
		expect(() => checkMediaInput({ url: 'http://localhost/a.jpg' }, allowed)).not.toThrow();
		expect(() => checkMediaInput({ url: 'http://127.0.0.1:8080/a.jpg' }, allowed)).not.toThrow();
	});

	it('needs exactly one of url and base64', async () => {
		await bothRefuse({}, { code: 'MEDIA_INVALID' });
		await bothRefuse({ url: '' }, { code: 'MEDIA_INVALID' });
		await bothRefuse(
			{ url: 'https://example.com/a.jpg', base64: BASE64, mimetype: 'image/png' },
			{
				code: 'MEDIA_INVALID',
				message: expect.stringMatching(/not both/),
			},
		);
	});
});
