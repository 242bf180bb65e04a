/**
 * Media types of received media come from the sender's phone and end up in a
 * Content-Type header and in events. A value that is not a plain media type
 * (CR/LF would inject headers, and Node refuses to send them at all) becomes
 * application/octet-stream: a download, never something a browser renders.
 */

export const FALLBACK_MEDIA_TYPE = 'application/octet-stream';

// RFC 6838 names, and RFC 9110 parameters (`audio/ogg; codecs=opus`, what WhatsApp voice notes carry).
const NAME = "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}";
const TOKEN = "[a-z0-9!#$%&'*+.^_`|~-]+";
const QUOTED = '"[^"\\\\\\u0000-\\u001f\\u007f]*"';
const MEDIA_TYPE = new RegExp(`^${NAME}/${NAME}(\\s*;\\s*${TOKEN}=(?:${TOKEN}|${QUOTED}))*$`, 'i');
const MAX_LENGTH = 255;

/** The type itself (lower-cased, parameters kept as given) when it is a valid media type; application/octet-stream otherwise. */
export function safeMediaType(type: string | undefined | null): string {
	if (typeof type !== 'string') return FALLBACK_MEDIA_TYPE;
	const trimmed = type.trim();
	if (trimmed.length > MAX_LENGTH || !MEDIA_TYPE.test(trimmed)) return FALLBACK_MEDIA_TYPE;
	const semicolon = trimmed.indexOf(';');
	return semicolon === -1 ? trimmed.toLowerCase() : trimmed.slice(0, semicolon).toLowerCase() + trimmed.slice(semicolon);
}
