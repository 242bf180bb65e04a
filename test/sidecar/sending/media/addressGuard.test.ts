import type { LookupAddress } from 'dns';
import { MediaUrlBlockedError } from '../../../../sidecar/src/errors';
import {
	checkMediaUrl,
	displayUrl,
	guardedLookup,
	isAllowedHost,
} from '../../../../sidecar/src/sending/media/addressGuard';

describe('isAllowedHost', () => {
	it('matches host names without case or trailing dot', () => {
		expect(isAllowedHost('MinIO.local.', '10.0.0.5', 80, ['minio.local'])).toBe(true);
		expect(isAllowedHost('other.local', '10.0.0.5', 80, ['minio.local'])).toBe(false);
	});

	it('matches addresses and CIDRs, IPv4-mapped ones too', () => {
		expect(isAllowedHost('x', '10.1.2.3', 80, ['10.0.0.0/8'])).toBe(true);
		expect(isAllowedHost('x', '::ffff:10.1.2.3', 80, ['10.0.0.0/8'])).toBe(true);
		expect(isAllowedHost('x', '11.1.2.3', 80, ['10.0.0.0/8'])).toBe(false);
		expect(isAllowedHost('x', 'fd00::5', 80, ['fd00::/8'])).toBe(true);
		expect(isAllowedHost('x', '10.1.2.3', 80, ['fd00::/8'])).toBe(false);
		expect(isAllowedHost('x', '127.0.0.1', 80, ['127.0.0.1'])).toBe(true);
		expect(isAllowedHost('x', '::1', 80, ['0:0:0:0:0:0:0:1'])).toBe(true);
		expect(isAllowedHost('x', undefined, 80, ['10.0.0.0/8'])).toBe(false);
	});
});

describe('checkMediaUrl', () => {
	it('blocks literal private addresses and localhost names, after URL normalisation', () => {
		for (const url of [
			'http://127.0.0.1/',
			'http://0x7f.1/',
			'http://2130706433/',
			'http://[::1]/',
			'http://[::ffff:127.0.0.1]/',
			'http://localhost:3000/a.png',
			'http://LOCALHOST./',
			'http://app.localhost/',
		]) {
			expect(() => checkMediaUrl(url, [])).toThrow(MediaUrlBlockedError);
		}
	});

	it('lets allowed hosts, public addresses and names through (names are checked when they resolve)', () => {
		expect(checkMediaUrl('http://127.0.0.1:9000/a.png', ['127.0.0.1']).port).toBe('9000');
		expect(checkMediaUrl('http://localhost/', ['localhost']).hostname).toBe('localhost');
		expect(checkMediaUrl('http://[::1]/', ['::1/128']).hostname).toBe('[::1]');
		expect(checkMediaUrl('https://8.8.8.8/a.png', []).hostname).toBe('8.8.8.8');
		expect(checkMediaUrl('https://internal.example/a.png', []).hostname).toBe('internal.example');
	});

	it('lets a host:port entry allow that port only, the URL\'s default port included; an entry without a port allows every port', () => {
		const allowed = (url: string, allowedHosts: string[]) => {
			try {
				checkMediaUrl(url, allowedHosts);
				return true;
			} catch (error) {
				if (error instanceof MediaUrlBlockedError) return false;
				throw error;
			}
		};
		const cases: Array<[string, string[], boolean]> = [
			['http://127.0.0.1:9000/a.png', ['127.0.0.1:9000'], true],
			['http://127.0.0.1:9001/a.png', ['127.0.0.1:9000'], false],
			['http://127.0.0.1/a.png', ['127.0.0.1:9000'], false],
			['http://127.0.0.1/a.png', ['127.0.0.1:80'], true],
			['https://10.0.0.5/a.png', ['10.0.0.5:443'], true],
			['https://10.0.0.5/a.png', ['10.0.0.5:80'], false],
			['http://10.1.2.3:9000/a.png', ['10.0.0.0/8:9000'], true],
			['http://10.1.2.3:22/a.png', ['10.0.0.0/8:9000'], false],
			['http://[fd00::5]:9000/a.png', ['[fd00::5]:9000'], true],
			['http://[fd00::5]:9001/a.png', ['[fd00::5]:9000'], false],
			['http://[fd00::5]:9001/a.png', ['[fd00::5]'], true],
			['http://[fd00::5]:9001/a.png', ['fd00::5'], true],
			['http://[fd00::5]:9001/a.png', ['fd00::/8'], true],
			['http://localhost:9000/a.png', ['LOCALHOST.:9000'], true],
			['http://localhost:9001/a.png', ['localhost:9000'], false],
			['http://localhost:9001/a.png', ['localhost'], true],
			['http://localhost:9001/a.png', ['localhost:9000', 'localhost:9001'], true],
			['http://localhost:9001/a.png', ['localhost:not-a-port'], false],
		];
		expect(cases.map(([url, hosts]) => [url, hosts, allowed(url, hosts)])).toEqual(cases);
	});

	it('shows URLs without credentials or query', () => {
		expect(displayUrl(new URL('https://user:secret@cdn.example/a/b.png?sig=123#x'))).toBe(
			'https://cdn.example/a/b.png',
		);
	});
});

describe('guardedLookup', () => {
	const lookup = (hostname: string, allowedHosts: string[], all: boolean, port = 80) =>
		new Promise<string | LookupAddress[]>((resolve, reject) =>
			guardedLookup(allowedHosts, port)(hostname, { all }, (error, address) => (error ? reject(error) : resolve(address))),
		);

	it('refuses a name that resolves to loopback (localhost)', async () => {
		await expect(lookup('localhost', [], false)).rejects.toMatchObject({
			code: 'MEDIA_URL_BLOCKED',
			details: { host: 'localhost', address: expect.stringMatching(/^(127\.|::1$)/) },
		});
		await expect(lookup('localhost', [], true)).rejects.toBeInstanceOf(MediaUrlBlockedError);
	});

	it('answers in the form asked for when the name is allowed', async () => {
		expect(await lookup('localhost', ['localhost'], false)).toMatch(/^(127\.|::1$)/);
		expect(await lookup('localhost', ['127.0.0.0/8', '::1'], true)).toEqual(
			expect.arrayContaining([expect.objectContaining({ address: expect.any(String), family: expect.any(Number) })]),
		);
	});

	it('allows a name through an entry with a port only for that port', async () => {
		expect(await lookup('localhost', ['localhost:9000'], false, 9000)).toMatch(/^(127\.|::1$)/);
		await expect(lookup('localhost', ['localhost:9000'], false, 9001)).rejects.toBeInstanceOf(MediaUrlBlockedError);
		await expect(lookup('localhost', ['127.0.0.0/8:9000', '::1'], true, 9001)).rejects.toBeInstanceOf(MediaUrlBlockedError);
	});

	it('passes resolution errors on', async () => {
		await expect(lookup('no-such-host.invalid', [], false)).rejects.toMatchObject({
			code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/),
		});
	});
});
