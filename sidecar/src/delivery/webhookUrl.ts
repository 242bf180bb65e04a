import net from 'net';
import { WebhookUrlBlockedError, WebhookUrlInvalidError } from '../errors';
import { bareHost, isLinkLocalOrMetadata } from '../net/addresses';
import { checkedLookup, type Resolver } from '../net/checkedLookup';

/**
 * What a webhook URL may be. Anyone with the API key registers them, and the sidecar
 * then POSTs to them and shows how each attempt went (`stats.lastError`), so a URL is a
 * way to probe whatever the sidecar can reach. Loopback and private addresses stay
 * allowed (n8n usually lives there); link-local addresses and cloud metadata services
 * (169.254.169.254, fd00:ec2::254, …), which hold the machine's cloud credentials, do not.
 */

/** Longer URLs are refused: every listing of the subscriptions carries them. */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** How long registration waits for a name to resolve before it accepts it unchecked (delivery checks it anyway). */
const RESOLVE_WAIT_MS = 3_000;

/** The parsed URL, if its form is acceptable and its host is not a blocked address (names: see webhookLookup). */
export function checkWebhookUrl(url: string): URL {
	if (url.length > WEBHOOK_URL_MAX_LENGTH) {
		throw new WebhookUrlInvalidError(`it is ${url.length} characters long; it may have at most ${WEBHOOK_URL_MAX_LENGTH}`);
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new WebhookUrlInvalidError('it is not a URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new WebhookUrlInvalidError(`it must start with http:// or https:// (it starts with ${parsed.protocol}//)`);
	}
	if (parsed.username || parsed.password) {
		throw new WebhookUrlInvalidError(
			'it contains a user name or password (user:password@ before the host), which the sidecar does not send. ' +
				'Remove it; the signature header (X-Sidecar-Signature) tells the receiver the event is genuine',
		);
	}
	const host = bareHost(parsed.hostname);
	if (net.isIP(host) && isLinkLocalOrMetadata(host)) throw new WebhookUrlBlockedError(host);
	return parsed;
}

/**
 * A `lookup` for the delivery's connection that refuses names resolving to a link-local
 * or metadata address. On every connection, so a name that resolved to n8n when it was
 * registered cannot be pointed at the metadata service later (DNS rebinding).
 */
export function webhookLookup(resolve?: Resolver): net.LookupFunction {
	return checkedLookup(
		(hostname, address) => (isLinkLocalOrMetadata(address) ? new WebhookUrlBlockedError(bareHost(hostname), address) : undefined),
		resolve,
	);
}

/**
 * checkWebhookUrl, and a name resolved once, so that a name for the metadata service is
 * refused when it is registered rather than on every delivery. A name that does not
 * resolve (yet: n8n not started, DNS down) is accepted; delivery retries it.
 */
export async function checkNewWebhookUrl(url: string, resolve?: Resolver): Promise<URL> {
	const parsed = checkWebhookUrl(url);
	const host = bareHost(parsed.hostname);
	if (net.isIP(host)) return parsed;
	const refusal = await new Promise<Error | undefined>((done) => {
		const timer = setTimeout(() => done(undefined), RESOLVE_WAIT_MS);
		webhookLookup(resolve)(host, { all: true }, (error) => {
			clearTimeout(timer);
			done(error ?? undefined);
		});
	});
	if (refusal instanceof WebhookUrlBlockedError) throw refusal;
	return parsed;
}
