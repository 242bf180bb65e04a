import dns from 'dns';
import net from 'net';
import ipaddr from 'ipaddr.js';
import { MediaInvalidError, MediaUrlBlockedError } from '../../errors';

/**
 * Keeps media downloads off private and local addresses (SSRF): a workflow must not be
 * able to make the sidecar fetch the cloud metadata service (169.254.169.254), a router
 * page or a database console next to it, and send the answer to WhatsApp.
 *
 * Only public unicast addresses pass, unless the operator allows a host by name, an
 * address or a CIDR (SIDECAR_MEDIA_ALLOWED_HOSTS).
 */

// IPv4-compatible IPv6 (::a.b.c.d), deprecated but still an IPv4 address in disguise.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
// The well-known NAT64 prefix: 64:ff9b::a.b.c.d reaches IPv4 a.b.c.d on IPv6-only networks.
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/** True for a public unicast address; everything else (loopback, private, link-local, …) is blocked. */
export function isPublicAddress(address: string): boolean {
	if (!net.isIP(address)) return false;
	// process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it is.
	const ip = ipaddr.process(address);
	if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
	const v6 = ip as ipaddr.IPv6;
	if (v6.match(IPV4_COMPATIBLE)) return false;
	const range = v6.range();
	// NAT64 and 6to4 carry an IPv4 address: they are as public as that address is.
	if (range === 'rfc6052') return v6.match(NAT64) && isPublicAddress(embeddedIPv4(v6.parts[6], v6.parts[7]));
	if (range === '6to4') return isPublicAddress(embeddedIPv4(v6.parts[1], v6.parts[2]));
	return range === 'unicast';
}

/** Whether the operator allowed this host name, or this address by address or CIDR. */
export function isAllowedHost(hostname: string, address: string | undefined, allowedHosts: readonly string[]): boolean {
	const name = bareHost(hostname);
	const ip = address && net.isIP(address) ? ipaddr.process(address) : undefined;
	return allowedHosts.some((raw) => {
		const entry = raw.trim().toLowerCase();
		if (ipaddr.isValidCIDR(entry)) {
			const [range, bits] = ipaddr.parseCIDR(entry);
			return !!ip && ip.kind() === range.kind() && ip.match(range, bits);
		}
		if (net.isIP(entry)) return !!ip && ip.toNormalizedString() === ipaddr.process(entry).toNormalizedString();
		return bareHost(entry) === name;
	});
}

/**
 * A parsed http(s) URL whose host, if it is an address or a local name, is allowed.
 * Names are checked again when they resolve (guardedLookup); an address is checked
 * here because Node connects to an address without calling `lookup`.
 */
export function checkMediaUrl(url: string | URL, allowedHosts: readonly string[]): URL {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new MediaInvalidError(`"${String(url)}" is not a URL`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new MediaInvalidError(`the URL must start with http:// or https:// (it starts with ${parsed.protocol}//)`);
	}
	const host = bareHost(parsed.hostname);
	if (isAllowedHost(host, net.isIP(host) ? host : undefined, allowedHosts)) return parsed;
	const local = host === 'localhost' || host.endsWith('.localhost');
	if (local || (net.isIP(host) && !isPublicAddress(host))) throw new MediaUrlBlockedError(host);
	return parsed;
}

/**
 * A `lookup` for http.request that refuses names resolving to a blocked address.
 *
 * Checking here, on the very addresses the socket then connects to, is what defeats DNS
 * rebinding: a check before the request would resolve the name once, and the
 * connection would resolve it again and could get 127.0.0.1 the second time.
 */
export function guardedLookup(allowedHosts: readonly string[]): net.LookupFunction {
	return (hostname, options, callback) => {
		// Always ask for every address: one blocked address blocks the name, whichever the socket would pick.
		dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '');
			const blocked = addresses.find(
				({ address }) => !isPublicAddress(address) && !isAllowedHost(hostname, address, allowedHosts),
			);
			if (blocked) return callback(new MediaUrlBlockedError(bareHost(hostname), blocked.address), '');
			if (options.all) return callback(null, addresses);
			return callback(null, addresses[0].address, addresses[0].family);
		});
	};
}

/** The URL for messages: no credentials, no query (signed URLs carry secrets there). */
export function displayUrl(url: URL): string {
	return `${url.origin}${url.pathname}`;
}

/** `[::1]` → `::1`, `Example.COM.` → `example.com`. */
function bareHost(host: string): string {
	return host
		.replace(/^\[(.*)\]$/, '$1')
		.replace(/\.$/, '')
		.toLowerCase();
}

function embeddedIPv4(high: number, low: number): string {
	return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
