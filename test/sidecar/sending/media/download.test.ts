import { randomBytes } from 'crypto';
import { coded } from '../../../support/coded';
import dns from 'dns';
import http from 'http';
import type { AddressInfo } from 'net';
import { loadMedia } from '../../../../sidecar/src/sending/media/loadMedia';
import { DEFAULT_MEDIA_POLICY, mediaPolicy, type MediaPolicy } from '../../../../sidecar/src/sending/media/MediaPolicy';

/**
 * Downloads from a real HTTP server on 127.0.0.1. That is a loopback address, which the
 * default policy blocks, so the tests that download allow it explicitly.
 */
const PHOTO = randomBytes(2_000);
const CAP = 10_000;

let server: http.Server;
let base: string;
let port: number;

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
	const url = new URL(request.url ?? '/', 'http://test');
	const send = (status: number, headers: http.OutgoingHttpHeaders, body: Buffer | string = '') => {
		response.writeHead(status, headers);
		response.end(body);
	};
	switch (url.pathname) {
		case '/photo.jpg':
			return send(200, { 'content-type': 'image/jpeg', 'content-length': PHOTO.length }, PHOTO);
		case '/download':
			return send(
				200,
				{ 'content-type': 'application/pdf; name=x', 'content-disposition': 'attachment; filename="report.pdf"' },
				'pdf',
			);
		case '/download-encoded':
			return send(200, { 'content-disposition': "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf" }, 'pdf');
		case '/files/My%20Photo.png':
			return send(200, { 'content-type': 'application/octet-stream' }, PHOTO);
		case '/files/clip.mp4':
			return send(200, {}, 'video');
		case '/page.html':
			return send(200, { 'content-type': 'text/html; charset=utf-8' }, '<p>hi</p>');
		case '/big.jpg':
			return send(200, { 'content-type': 'image/jpeg', 'content-length': CAP + 1 }, Buffer.alloc(CAP + 1));
		case '/stream.jpg': {
			// Chunked, no Content-Length: only counting the bytes finds out.
			response.writeHead(200, { 'content-type': 'image/jpeg' });
			const pump = () => {
				while (response.writable && response.write(Buffer.alloc(1_024))) {
					/* fill the socket until it pushes back */
				}
				if (response.writable) response.once('drain', pump);
			};
			return pump();
		}
		case '/missing.jpg':
			return send(404, { 'content-type': 'text/plain' }, 'not here');
		case '/hang':
			return; // never answers
		case '/stall.jpg':
			response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 1_000 });
			response.write(Buffer.alloc(10)); // then nothing more
			return;
		case '/redirect':
			return send(302, { location: url.searchParams.get('to') ?? '/' });
		case '/loop':
			return send(301, { location: '/loop' });
		case '/hops': {
			const left = Number(url.searchParams.get('n'));
			return send(307, { location: left > 1 ? `/hops?n=${left - 1}` : '/photo.jpg' });
		}
		default:
			return send(500, {});
	}
}

beforeAll(async () => {
	server = http.createServer(handle);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
	base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

afterEach(() => jest.restoreAllMocks());

const local = (settings: Partial<MediaPolicy> = {}) =>
	mediaPolicy({ allowedHosts: ['127.0.0.1'], maxBytes: CAP, ...settings });

describe('loadMedia from a URL', () => {
	it('downloads the bytes as they are, with the type from Content-Type and the name from the path', async () => {
		const media = await loadMedia({ url: `${base}/photo.jpg` }, local());
		expect(media.data.equals(PHOTO)).toBe(true);
		expect(media).toMatchObject({ mimetype: 'image/jpeg', filename: 'photo.jpg' });
	});

	it('takes the name from Content-Disposition, plain or encoded, and drops type parameters', async () => {
		expect(await loadMedia({ url: `${base}/download?id=7` }, local())).toMatchObject({
			mimetype: 'application/pdf',
			filename: 'report.pdf',
		});
		// No Content-Type at all: the name's extension says PDF.
		expect(await loadMedia({ url: `${base}/download-encoded` }, local())).toMatchObject({
			mimetype: 'application/pdf',
			filename: 'résumé.pdf',
		});
	});

	it('uses a filename given with the request', async () => {
		expect((await loadMedia({ url: `${base}/photo.jpg`, filename: '../holiday.jpg' }, local())).filename).toBe(
			'holiday.jpg',
		);
	});

	it('guesses the type from the extension when the server says octet-stream or nothing', async () => {
		const png = await loadMedia({ url: `${base}/files/My%20Photo.png` }, local());
		expect(png).toMatchObject({ mimetype: 'image/png', filename: 'My Photo.png' });
		expect(png.data.equals(PHOTO)).toBe(true);
		expect(await loadMedia({ url: `${base}/files/clip.mp4` }, local())).toMatchObject({ mimetype: 'video/mp4' });
	});

	it('refuses a file whose Content-Length is over the cap', async () => {
		await expect(loadMedia({ url: `${base}/big.jpg` }, local())).rejects.toMatchObject(coded('MEDIA_TOO_LARGE', 413, {
			details: { maxBytes: CAP, bytes: CAP + 1 },
		}));
	});

	it('cuts an endless stream without Content-Length at the cap', async () => {
		await expect(loadMedia({ url: `${base}/stream.jpg` }, local())).rejects.toMatchObject({
			code: 'MEDIA_TOO_LARGE',
			message: expect.stringMatching(/SIDECAR_MEDIA_MAX_BYTES/),
		});
	});

	it('refuses a type outside the allow-list, naming it and the setting', async () => {
		await expect(loadMedia({ url: `${base}/page.html` }, local())).rejects.toMatchObject(coded('MEDIA_TYPE_NOT_ALLOWED', 415, {
			message: expect.stringMatching(/text\/html.*SIDECAR_MEDIA_ALLOWED_TYPES/),
		}));
		expect(await loadMedia({ url: `${base}/page.html` }, local({ allowedTypes: ['text/*'] }))).toMatchObject({
			mimetype: 'text/html',
		});
	});

	it('reports an error status', async () => {
		await expect(loadMedia({ url: `${base}/missing.jpg?token=secret` }, local())).rejects.toMatchObject(coded('MEDIA_FETCH_FAILED', 422, {
			message: expect.stringMatching(/answered 404 Not Found/),
			details: { url: `${base}/missing.jpg` },
		}));
	});

	it('gives up after the timeout, before the answer and in the middle of the body', async () => {
		for (const path of ['/hang', '/stall.jpg']) {
			await expect(loadMedia({ url: `${base}${path}` }, local({ timeoutMs: 200 }))).rejects.toMatchObject({
				code: 'MEDIA_FETCH_FAILED',
				message: expect.stringMatching(/did not finish downloading within 0.2 s/),
			});
		}
	});

	it("stops with the caller's reason when the caller aborts", async () => {
		const controller = new AbortController();
		const loading = loadMedia({ url: `${base}/hang` }, local(), controller.signal);
		const reason = new Error('shutting down');
		controller.abort(reason);
		await expect(loading).rejects.toBe(reason);
	});

	it('reports a refused connection', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const closedPort = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		await expect(loadMedia({ url: `http://127.0.0.1:${closedPort}/a.jpg` }, local())).rejects.toMatchObject({
			code: 'MEDIA_FETCH_FAILED',
			message: expect.stringMatching(/refused the connection/),
		});
	});

	it('follows redirects up to the limit', async () => {
		expect((await loadMedia({ url: `${base}/hops?n=3` }, local())).data.equals(PHOTO)).toBe(true);
		await expect(loadMedia({ url: `${base}/hops?n=4` }, local())).rejects.toMatchObject({
			code: 'MEDIA_FETCH_FAILED',
			message: expect.stringMatching(/redirected more than 3 times/),
		});
		await expect(loadMedia({ url: `${base}/loop` }, local({ maxRedirects: 1 }))).rejects.toMatchObject({
			code: 'MEDIA_FETCH_FAILED',
		});
	});

	it('checks every redirect: an allowed first host does not open the way to a blocked one', async () => {
		const via = (to: string) => `http://localhost:${port}/redirect?to=${encodeURIComponent(to)}`;
		const allowLocalhost = local({ allowedHosts: ['localhost'] });
		// The same server under a name that is allowed and an address that is not.
		expect((await loadMedia({ url: `http://localhost:${port}/photo.jpg` }, allowLocalhost)).data.equals(PHOTO)).toBe(
			true,
		);
		await expect(loadMedia({ url: via(`${base}/photo.jpg`) }, allowLocalhost)).rejects.toMatchObject({
			code: 'MEDIA_URL_BLOCKED',
		});
		await expect(
			loadMedia(
				{ url: `${base}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data')}` },
				local(),
			),
		).rejects.toMatchObject({ code: 'MEDIA_URL_BLOCKED', details: { host: '169.254.169.254' } });
		await expect(
			loadMedia({ url: `${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}` }, local()),
		).rejects.toMatchObject({
			code: 'MEDIA_FETCH_FAILED',
			message: expect.stringMatching(/file: address/),
		});
	});

	it('allows a host:port entry on that port only, for the URL and for every redirect hop', async () => {
		const other = http.createServer(handle);
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		try {
			const otherPort = (other.address() as AddressInfo).port;
			const photo = (p: number, host = '127.0.0.1') => `http://${host}:${p}/photo.jpg`;
			const via = (to: string) => `http://localhost:${port}/redirect?to=${encodeURIComponent(to)}`;
			const load = (url: string, allowedHosts: string[]) => loadMedia({ url }, local({ allowedHosts }));
			expect((await load(photo(port), [`127.0.0.1:${port}`])).data.equals(PHOTO)).toBe(true);
			await expect(load(photo(otherPort), [`127.0.0.1:${port}`])).rejects.toMatchObject({ code: 'MEDIA_URL_BLOCKED' });
			// A name, checked when it resolves: the port of the hop being fetched decides.
			expect((await load(photo(port, 'localhost'), [`localhost:${port}`])).data.equals(PHOTO)).toBe(true);
			await expect(load(photo(otherPort, 'localhost'), [`localhost:${port}`])).rejects.toMatchObject({ code: 'MEDIA_URL_BLOCKED' });
			// A redirect from the allowed port to another port of the same host.
			for (const target of [photo(otherPort, 'localhost'), photo(otherPort)]) {
				await expect(load(via(target), [`localhost:${port}`, `127.0.0.1:${port}`])).rejects.toMatchObject({
					code: 'MEDIA_URL_BLOCKED',
				});
			}
			const both = [`localhost:${port}`, `localhost:${otherPort}`, `127.0.0.1:${otherPort}`];
			for (const target of [photo(otherPort, 'localhost'), photo(otherPort)]) {
				expect((await load(via(target), both)).data.equals(PHOTO)).toBe(true);
			}
			// Without a port an entry still allows every port.
			expect((await load(via(photo(otherPort, 'localhost')), ['localhost'])).data.equals(PHOTO)).toBe(true);
		} finally {
			other.closeAllConnections();
			await new Promise((resolve) => other.close(resolve));
		}
	});

	it.each([
		'http://127.0.0.1/',
		'http://localhost/',
		'http://169.254.169.254/latest/meta-data',
		'http://10.0.0.5/',
		'http://[::1]/',
		'http://[::ffff:127.0.0.1]/',
		'http://192.168.1.10/',
	])('blocks %s with the default policy', async (url) => {
		await expect(loadMedia({ url }, DEFAULT_MEDIA_POLICY)).rejects.toMatchObject(coded('MEDIA_URL_BLOCKED', 422, {
			message: expect.stringMatching(/private or local address.*SIDECAR_MEDIA_ALLOWED_HOSTS/),
		}));
	});

	describe('with a host name that resolves to a local address', () => {
		const realLookup = dns.lookup;
		const resolveTo = (addresses: string[]) =>
			jest.spyOn(dns, 'lookup').mockImplementation(((
				hostname: string,
				options: dns.LookupAllOptions,
				callback: (error: Error | null, addresses: dns.LookupAddress[]) => void,
			) => {
				if (hostname !== 'media.example.test') return realLookup(hostname, options, callback);
				callback(
					null,
					addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
				);
			}) as unknown as typeof dns.lookup);
		const url = () => `http://media.example.test:${port}/photo.jpg`;

		it('blocks it when the name resolves, as a rebinding name would', async () => {
			resolveTo(['127.0.0.1']);
			await expect(loadMedia({ url: url() }, mediaPolicy())).rejects.toMatchObject({
				code: 'MEDIA_URL_BLOCKED',
				details: { host: 'media.example.test', address: '127.0.0.1' },
			});
		});

		it('blocks it when any of its addresses is local', async () => {
			resolveTo(['8.8.8.8', '127.0.0.1']);
			await expect(loadMedia({ url: url() }, mediaPolicy())).rejects.toMatchObject({ code: 'MEDIA_URL_BLOCKED' });
		});

		it('downloads when the name or its address range is allowed', async () => {
			resolveTo(['127.0.0.1']);
			for (const allowedHosts of [['media.example.test'], ['127.0.0.0/8']]) {
				expect((await loadMedia({ url: url() }, mediaPolicy({ allowedHosts }))).data.equals(PHOTO)).toBe(true);
			}
		});
	});

	it('refuses URLs that are not http(s)', async () => {
		await expect(loadMedia({ url: 'ftp://example.com/a.jpg' }, DEFAULT_MEDIA_POLICY)).rejects.toMatchObject(coded('MEDIA_INVALID', 400, {
			message: expect.stringMatching(/http:\/\/ or https:\/\//),
		}));
	});
});
