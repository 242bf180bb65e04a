import type { LookupAddress } from 'dns';
import { MediaUrlBlockedError } from '../../../../sidecar/src/errors';
import {
	checkMediaUrl,
	displayUrl,
	guardedLookup,
	isAllowedHost,
	isPublicAddress,
} from '../../../../sidecar/src/sending/media/addressGuard';

describe('isPublicAddress', () => {
	it.each([
		'8.8.8.8',
		'1.1.1.1',
		'2606:4700:4700::1111',
		'::ffff:8.8.8.8',
		'64:ff9b::808:808', // NAT64 to 8.8.8.8
		'2002:808:808::1', // 6to4 of 8.8.8.8
	])('lets %s through', (address) => {
		expect(isPublicAddress(address)).toBe(true);
	});

	it.each([
		['127.0.0.1', 'loopback'],
		['127.8.9.10', 'loopback'],
		['::1', 'loopback'],
		['10.0.0.5', 'private'],
		['172.16.3.4', 'private'],
		['192.168.1.10', 'private'],
		['169.254.169.254', 'link-local, cloud metadata'],
		['fe80::1', 'link-local'],
		['fc00::1', 'unique local'],
		['fd12:3456::1', 'unique local'],
		['100.64.0.1', 'carrier-grade NAT'],
		['0.0.0.0', 'unspecified'],
		['::', 'unspecified'],
		['224.0.0.1', 'multicast'],
		['ff02::1', 'multicast'],
		['255.255.255.255', 'broadcast'],
		['192.0.2.1', 'reserved (documentation)'],
		['240.0.0.1', 'reserved'],
		['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
		['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
		['::ffff:10.0.0.1', 'IPv4-mapped private'],
		['::7f00:1', 'IPv4-compatible loopback'],
		['64:ff9b::7f00:1', 'NAT64 of loopback'],
		['64:ff9b:1::a00:1', 'local-use NAT64'],
		['2002:7f00:1::1', '6to4 of loopback'],
		['2001:db8::1', 'documentation'],
		['not-an-address', 'not an address'],
	])('blocks %s (%s)', (address) => {
		expect(isPublicAddress(address)).toBe(false);
	});
});

describe('isAllowedHost', () => {
	it('matches host names without case or trailing dot', () => {
		expect(isAllowedHost('MinIO.local.', '10.0.0.5', ['minio.local'])).toBe(true);
		expect(isAllowedHost('other.local', '10.0.0.5', ['minio.local'])).toBe(false);
	});

	it('matches addresses and CIDRs, IPv4-mapped ones too', () => {
		expect(isAllowedHost('x', '10.1.2.3', ['10.0.0.0/8'])).toBe(true);
		expect(isAllowedHost('x', '::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
		expect(isAllowedHost('x', '11.1.2.3', ['10.0.0.0/8'])).toBe(false);
		expect(isAllowedHost('x', 'fd00::5', ['fd00::/8'])).toBe(true);
		expect(isAllowedHost('x', '10.1.2.3', ['fd00::/8'])).toBe(false);
		expect(isAllowedHost('x', '127.0.0.1', ['127.0.0.1'])).toBe(true);
		expect(isAllowedHost('x', '::1', ['0:0:0:0:0:0:0:1'])).toBe(true);
		expect(isAllowedHost('x', undefined, ['10.0.0.0/8'])).toBe(false);
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

	it('shows URLs without credentials or query', () => {
		expect(displayUrl(new URL('https://user:secret@cdn.example/a/b.png?sig=123#x'))).toBe(
			'https://cdn.example/a/b.png',
		);
	});
});

describe('guardedLookup', () => {
	const lookup = (hostname: string, allowedHosts: string[], all: boolean) =>
		new Promise<string | LookupAddress[]>((resolve, reject) =>
			guardedLookup(allowedHosts)(hostname, { all }, (error, address) => (error ? reject(error) : resolve(address))),
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

	it('passes resolution errors on', async () => {
		await expect(lookup('no-such-host.invalid', [], false)).rejects.toMatchObject({
			code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/),
		});
	});
});
