import path from 'path';

/**
 * The name a downloaded file is sent with (WhatsApp shows it on documents): the
 * server's Content-Disposition first, else the URL's last path segment.
 */

const MAX_NAME_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf` or `filename="report.pdf"`. */
export function filenameFromContentDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	// RFC 6266: the extended (encoded) form wins over the plain one when both are there.
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		const name = decode(extended[2].trim());
		if (name) return cleanFilename(name);
	}
	const plain = /filename\s*=\s*(?:"((?:\\.|[^"\\])*)"|([^;]+))/i.exec(header);
	const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
	return name ? cleanFilename(name) : undefined;
}

/** `https://x/files/My%20Photo.jpg?size=2` → `My Photo.jpg`; undefined for `https://x/`. */
export function filenameFromUrl(url: URL): string | undefined {
	const segment = url.pathname.split('/').pop();
	const name = segment ? decode(segment) : undefined;
	return name ? cleanFilename(name) : undefined;
}

/** Only a name: no folders, no control characters, not endless. */
export function cleanFilename(name: string): string | undefined {
	const base = path.posix.basename(name.replace(/\\/g, '/')).replace(CONTROL_CHARACTERS, '').trim();
	if (!base || base === '.' || base === '..') return undefined;
	return base.length > MAX_NAME_LENGTH ? base.slice(base.length - MAX_NAME_LENGTH) : base;
}

function decode(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}
