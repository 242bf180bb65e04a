import net from 'net';
import ipaddr from 'ipaddr.js';

/**
 * What kind of address a host is or resolved to, in one place for everything the
 * sidecar connects to because someone else named it: media URLs may reach public
 * addresses only (unless the operator allows a host), webhook URLs anything but
 * link-local and cloud metadata addresses (n8n usually lives on loopback or a private
 * network).
 */

// IPv4-compatible IPv6 (::a.b.c.d), deprecated but still an IPv4 address in disguise.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
// The well-known NAT64 prefix: 64:ff9b::a.b.c.d reaches IPv4 a.b.c.d on IPv6-only networks.
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Cloud metadata services outside the link-local ranges (169.254.169.254, the usual one,
 * is link-local already): they hand out credentials to whoever asks from inside the VM.
 */
const CLOUD_METADATA = new Set(
	[
		'fd00:ec2::254', // AWS instance metadata over IPv6
		'100.100.100.200', // Alibaba Cloud
		'168.63.129.16', // Azure WireServer
	].map((address) => ipaddr.parse(address).toNormalizedString()),
);

/** True for a public unicast address; everything else (loopback, private, link-local, metadata, …) is not. */
export function isPublicAddress(address: string): boolean {
	if (!net.isIP(address)) return false;
	// process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it is.
	const ip = ipaddr.process(address);
	if (CLOUD_METADATA.has(ip.toNormalizedString())) return false;
	if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
	const v6 = ip as ipaddr.IPv6;
	if (v6.match(IPV4_COMPATIBLE)) return false;
	const range = v6.range();
	// NAT64 and 6to4 carry an IPv4 address: they are as public as that address is.
	if (range === 'rfc6052') return v6.match(NAT64) && isPublicAddress(embeddedIPv4(v6.parts[6], v6.parts[7]));
	if (range === '6to4') return isPublicAddress(embeddedIPv4(v6.parts[1], v6.parts[2]));
	return range === 'unicast';
}

/**
 * True for a link-local address (169.254.0.0/16, fe80::/10) or a cloud metadata service,
 * also when written as an IPv6 address that carries it (::ffff:, ::, NAT64, 6to4).
 * Nothing a webhook receiver lives on, and what an attacker would probe.
 */
export function isLinkLocalOrMetadata(address: string): boolean {
	if (!net.isIP(address)) return false;
	const ip = carriedIPv4(ipaddr.process(address));
	return ip.range() === 'linkLocal' || CLOUD_METADATA.has(ip.toNormalizedString());
}

/** `[::1]` → `::1`, `Example.COM.` → `example.com`. */
export function bareHost(host: string): string {
	return host
		.replace(/^\[(.*)\]$/, '$1')
		.replace(/\.$/, '')
		.toLowerCase();
}

/** The IPv4 address inside an IPv4-compatible, NAT64 or 6to4 IPv6 address; any other address as it is. */
function carriedIPv4(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
	if (ip.kind() === 'ipv4') return ip;
	const v6 = ip as ipaddr.IPv6;
	const p = v6.parts;
	if (v6.match(IPV4_COMPATIBLE) || v6.match(NAT64)) return ipaddr.parse(embeddedIPv4(p[6], p[7]));
	if (v6.range() === '6to4') return ipaddr.parse(embeddedIPv4(p[1], p[2]));
	return ip;
}

function embeddedIPv4(high: number, low: number): string {
	return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
