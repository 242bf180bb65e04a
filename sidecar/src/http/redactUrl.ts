/**
 * Query parameters whose value is a secret, by name: a client that puts its API
 * key (or a webhook signature, a password…) in the URL is refused, but its
 * request line is still logged, and logs get shared. Matched case-insensitively
 * as a part of the name, so `apiKey`, `api_key`, `x-api-key` and
 * `access_token` are all caught; redacting a harmless parameter costs nothing.
 */
const SECRET_NAME = /key|token|secret|signature|password|passwd/i;

const REDACTED = '[REDACTED]';

/** The URL with the values of secret-looking query parameters replaced; everything else exactly as given. */
export function redactUrl(url: string): string {
	const queryStart = url.indexOf('?');
	if (queryStart === -1) return url;
	const hashStart = url.indexOf('#', queryStart);
	const end = hashStart === -1 ? url.length : hashStart;
	const query = url
		.slice(queryStart + 1, end)
		.split('&')
		.map((pair) => {
			const equals = pair.indexOf('=');
			if (equals === -1) return pair; // a name without a value has nothing to hide
			const name = pair.slice(0, equals);
			return SECRET_NAME.test(decodeName(name)) ? `${name}=${REDACTED}` : pair;
		})
		.join('&');
	return `${url.slice(0, queryStart + 1)}${query}${url.slice(end)}`;
}

/** `api%5Fkey` is `api_key` too; a broken escape is matched as written rather than thrown. */
function decodeName(name: string): string {
	try {
		return decodeURIComponent(name.replace(/\+/g, ' '));
	} catch {
		return name;
	}
}
