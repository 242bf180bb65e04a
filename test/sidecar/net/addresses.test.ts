import { isLinkLocalOrMetadata, isPublicAddress } from '../../../sidecar/src/net/addresses';

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
		['fd00:ec2::254', 'AWS metadata over IPv6'],
		['100.100.100.200', 'Alibaba Cloud metadata'],
		['168.63.129.16', 'Azure WireServer'],
		['::ffff:168.63.129.16', 'IPv4-mapped Azure WireServer'],
		['64:ff9b::a83f:8110', 'NAT64 of Azure WireServer'],
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

describe('isLinkLocalOrMetadata', () => {
	it.each([
		['169.254.169.254', 'cloud metadata (AWS, GCP, Azure, …)'],
		['169.254.170.2', 'link-local (ECS task metadata)'],
		['169.254.0.1', 'link-local'],
		['fe80::1', 'link-local'],
		['febf::1', 'link-local'],
		['fd00:ec2::254', 'AWS metadata over IPv6'],
		['FD00:EC2:0:0:0:0:0:254', 'AWS metadata over IPv6, written out'],
		['100.100.100.200', 'Alibaba Cloud metadata'],
		['168.63.129.16', 'Azure WireServer'],
		['::ffff:169.254.169.254', 'IPv4-mapped'],
		['::a9fe:a9fe', 'IPv4-compatible'],
		['64:ff9b::a9fe:a9fe', 'NAT64'],
		['2002:a9fe:a9fe::1', '6to4'],
	])('refuses %s (%s)', (address) => {
		expect(isLinkLocalOrMetadata(address)).toBe(true);
	});

	it.each([
		['127.0.0.1', 'loopback: n8n on the same machine'],
		['::1', 'loopback'],
		['10.0.0.5', 'private'],
		['192.168.1.10', 'private'],
		['172.17.0.2', 'private (a Docker network)'],
		['fd00::5', 'unique local'],
		['fd00:ec2::253', 'next to the AWS metadata address'],
		['100.64.0.1', 'carrier-grade NAT'],
		['8.8.8.8', 'public'],
		['2606:4700:4700::1111', 'public'],
		['not-an-address', 'a name: checked once it resolves'],
	])('lets %s through (%s)', (address) => {
		expect(isLinkLocalOrMetadata(address)).toBe(false);
	});
});
