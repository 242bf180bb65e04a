import dns from 'dns';
import type net from 'net';

/**
 * Resolves a name to all its addresses, the way dns.lookup does. Injectable so tests can
 * make a name resolve to any address (a metadata service, a rebinding name) without DNS.
 */
export type Resolver = (
	hostname: string,
	options: dns.LookupAllOptions,
	callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

export const systemResolver: Resolver = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/** The error to fail the connection with when `address` (what `hostname` resolved to) is refused. */
export type AddressCheck = (hostname: string, address: string) => Error | undefined;

/**
 * A `lookup` for http(s).request that refuses names resolving to an address `check` refuses.
 *
 * Checking here, on the very addresses the socket then connects to, is what defeats DNS
 * rebinding: a check before the request would resolve the name once, and the connection
 * would resolve it again and could get another address the second time.
 */
export function checkedLookup(check: AddressCheck, resolve: Resolver = systemResolver): net.LookupFunction {
	return (hostname, options, callback) => {
		// Always ask for every address: one refused address refuses the name, whichever the socket would pick.
		resolve(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '');
			for (const { address } of addresses) {
				const refusal = check(hostname, address);
				if (refusal) return callback(refusal, '');
			}
			if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
			if (options.all) return callback(null, addresses);
			return callback(null, addresses[0].address, addresses[0].family);
		});
	};
}
