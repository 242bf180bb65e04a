import { MediaInvalidError, MediaTooLargeError } from '../../errors';
import { checkMediaUrl } from './addressGuard';
import { downloadMedia } from './download';
import { cleanFilename } from './filenames';
import type { Base64MediaInput, LoadedMedia, MediaInput, MediaPolicy, UrlMediaInput } from './MediaPolicy';
import { checkMimeType } from './mimeTypes';

/**
 * Media for a message, in two steps: `checkMediaInput` when the send request is
 * accepted (cheap and synchronous, so an obviously wrong request fails at once with
 * 4xx), and `loadMedia` when the queue sends it (the download happens then, so a
 * queued message does not hold a file in memory while it waits).
 */
export async function loadMedia(input: MediaInput, policy: MediaPolicy, signal?: AbortSignal): Promise<LoadedMedia> {
	const source = mediaSource(input);
	if (source.kind === 'base64') return decodeBase64Media(source.input, policy);
	const filename = source.input.filename === undefined ? undefined : cleanFilename(source.input.filename);
	return downloadMedia({ url: source.input.url, filename }, policy, signal);
}

/**
 * Throws what `loadMedia` would throw without downloading: the base64 decodes, fits and
 * has an allowed type; the URL is http(s) and not a blocked address or `localhost`. A
 * host name is only checked at download time, when it resolves.
 */
export function checkMediaInput(input: MediaInput, policy: MediaPolicy): void {
	const source = mediaSource(input);
	if (source.kind === 'url') {
		checkMediaUrl(source.input.url, policy.allowedHosts);
		return;
	}
	const { mimetype, data } = parseBase64(source.input);
	checkMimeType(mimetype, policy.allowedTypes);
	checkSize(data, policy.maxBytes);
}

type Source = { kind: 'url'; input: UrlMediaInput } | { kind: 'base64'; input: Base64MediaInput };

function mediaSource(input: MediaInput): Source {
	const fields = (input ?? {}) as Partial<UrlMediaInput & Base64MediaInput>;
	const hasUrl = typeof fields.url === 'string' && fields.url.trim() !== '';
	const hasBase64 = typeof fields.base64 === 'string';
	if (hasUrl && hasBase64) throw new MediaInvalidError('give either a url or base64 data, not both');
	if (hasUrl) return { kind: 'url', input: input as UrlMediaInput };
	if (hasBase64) return { kind: 'base64', input: input as Base64MediaInput };
	throw new MediaInvalidError('give a url, or base64 data with its mimetype');
}

function decodeBase64Media(input: Base64MediaInput, policy: MediaPolicy): LoadedMedia {
	const { mimetype, data } = parseBase64(input);
	const type = checkMimeType(mimetype, policy.allowedTypes);
	checkSize(data, policy.maxBytes);
	const filename = input.filename === undefined ? undefined : cleanFilename(input.filename);
	return { mimetype: type, data: Buffer.from(data, 'base64'), filename };
}

// Standard or URL-safe alphabet; Buffer.from would silently skip anything else, so it is checked first.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DATA_URL = /^data:([^;,]*)(?:;[^,]*)?;base64,/i;

/** The bare base64 text and the mimetype, which a `data:image/png;base64,` prefix may supply. */
function parseBase64(input: Base64MediaInput): { mimetype: string | undefined; data: string } {
	let data = input.base64.replace(/\s+/g, '');
	let mimetype = input.mimetype;
	const dataUrl = DATA_URL.exec(data);
	if (dataUrl) {
		data = data.slice(dataUrl[0].length);
		if (!mimetype?.trim()) mimetype = dataUrl[1];
	}
	if (!data) throw new MediaInvalidError('its base64 data is empty');
	const padded = data.includes('=');
	if (!BASE64.test(data) || data.length % 4 === 1 || (padded && data.length % 4 !== 0)) {
		throw new MediaInvalidError('its base64 data is not valid base64 (only A-Z, a-z, 0-9, +, / and = padding)');
	}
	return { mimetype, data };
}

/** The decoded size, known from the text's length without decoding. */
function checkSize(data: string, maxBytes: number): void {
	const bytes = Math.floor((data.replace(/=+$/, '').length * 3) / 4);
	if (bytes > maxBytes) throw new MediaTooLargeError(maxBytes, bytes);
}
