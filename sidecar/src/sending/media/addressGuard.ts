import net from 'net';
import ipaddr from 'ipaddr.js';
import { MediaInvalidError, MediaUrlBlockedError } from '../../errors';
import { bareHost, isPublicAddress } from '../../net/addresses';
import { checkedLookup, type Resolver } from '../../net/checkedLookup';

/**
 * Keeps media downloads off private and local addresses (SSRF): a workflow must not be
 * able to make the sidecar fetch the cloud metadata service (169.254.169.254), a router
 * page or a database console next to it, and send the answer to WhatsApp.
 *
 * Only public unicast addresses pass, unless the operator allows a host by name, an
 * address or a CIDR, on every port or on one (SIDECAR_MEDIA_ALLOWED_HOSTS).
 */

/**
 * Whether the operator allowed this host name, or this address by address or CIDR, on
 * this port. An entry with a port (`minio.local:9000`, `10.0.0.5:9000`, `[fd00::5]:9000`)
 * allows only that port; an entry without one allows every port.
 */
export function isAllowedHost(hostname: string, address: string | undefined, port: number, allowedHosts: readonly string[]): boolean {
	const name = bareHost(hostname);
	const ip = address && net.isIP(address) ? ipaddr.process(address) : undefined;
	return allowedHosts.some((raw) => {
		const entry = parseHostEntry(raw);
		if (!entry || (entry.port !== undefined && entry.port !== port)) return false;
		const { host } = entry;
		if (ipaddr.isValidCIDR(host)) {
			const [range, bits] = ipaddr.parseCIDR(host);
			return !!ip && ip.kind() === range.kind() && ip.match(range, bits);
		}
		if (net.isIP(host)) return !!ip && ip.toNormalizedString() === ipaddr.process(host).toNormalizedString();
		return bareHost(host) === name;
	});
}

/** The port a URL connects to: the one written in it, or its scheme's. */
export function portOf(url: URL): number {
	return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
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
	if (isAllowedHost(host, net.isIP(host) ? host : undefined, portOf(parsed), allowedHosts)) return parsed;
	const local = host === 'localhost' || host.endsWith('.localhost');
	if (local || (net.isIP(host) && !isPublicAddress(host))) throw new MediaUrlBlockedError(host);
	return parsed;
}

/**
 * A `lookup` for http.request to `port` that refuses names resolving to a blocked address
 * (checked on the addresses the socket connects to, so DNS rebinding cannot get around it).
 */
export function guardedLookup(allowedHosts: readonly string[], port: number, resolve?: Resolver): net.LookupFunction {
	return checkedLookup(
		(hostname, address) =>
			isPublicAddress(address) || isAllowedHost(hostname, address, port, allowedHosts)
				? undefined
				: new MediaUrlBlockedError(bareHost(hostname), address),
		resolve,
	);
}

/** The URL for messages: no credentials, no query (signed URLs carry secrets there). */
export function displayUrl(url: URL): string {
	return `${url.origin}${url.pathname}`;
}

/**
 * `host`, `host:port`, `[v6]`, `[v6]:port`, a CIDR, `cidr:port`. A bare IPv6 address has
 * no port: its colons are the address. An entry with a malformed port allows nothing.
 */
function parseHostEntry(raw: string): { host: string; port?: number } | undefined {
	const entry = raw.trim().toLowerCase();
	const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
	const parts = entry.split(':');
	const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : parts.length === 2 ? parts : [entry, undefined];
	if (port === undefined) return { host };
	const number = /^\d{1,5}$/.test(port) ? Number(port) : 0;
	return number >= 1 && number <= 65_535 ? { host, port: number } : undefined;
}
