import path from 'path';
import { MediaInvalidError, MediaTypeNotAllowedError } from '../../errors';

/**
 * Media types: reading them from headers, guessing them from a file extension when a
 * server does not say, and checking them against the allow-list.
 *
 * The table covers what people send on WhatsApp; anything rarer should come with a
 * proper Content-Type. A small table instead of a dependency: the guess is only a
 * fallback.
 */
const EXTENSION_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	bmp: 'image/bmp',
	heic: 'image/heic',
	svg: 'image/svg+xml',
	mp4: 'video/mp4',
	m4v: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	'3gp': 'video/3gpp',
	mkv: 'video/x-matroska',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	aac: 'audio/aac',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/ogg',
	wav: 'audio/wav',
	amr: 'audio/amr',
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation',
	rtf: 'application/rtf',
	txt: 'text/plain',
	csv: 'text/csv',
	zip: 'application/zip',
	json: 'application/json',
};

/** What servers send when they do not know; worth replacing with a guess. */
export const UNKNOWN_TYPE = 'application/octet-stream';

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** `Image/PNG; charset=x` → `image/png`; undefined when missing or not a type. */
export function baseMimeType(value: string | undefined): string | undefined {
	const type = value?.split(';')[0].trim().toLowerCase();
	return type && MIME_TYPE.test(type) ? type : undefined;
}

/** The type a file name's extension suggests (`photo.JPG` → image/jpeg). */
export function guessMimeType(name: string | undefined): string | undefined {
	const extension = path.posix
		.extname(name ?? '')
		.slice(1)
		.toLowerCase();
	return extension ? EXTENSION_TYPES[extension] : undefined;
}

/** `image/*` matches any image, `*` or `*\/*` anything, other patterns exactly. */
export function isTypeAllowed(mimetype: string, allowedTypes: readonly string[]): boolean {
	const type = mimetype.toLowerCase();
	return allowedTypes.some((raw) => {
		const pattern = raw.trim().toLowerCase();
		if (pattern === '*' || pattern === '*/*') return true;
		if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
		return type === pattern;
	});
}

/** The given type without parameters, after checking it is a type and allowed. */
export function checkMimeType(given: string | undefined, allowedTypes: readonly string[]): string {
	if (!given?.trim()) throw new MediaInvalidError('its mimetype is missing: say what the file is, like image/png');
	const type = baseMimeType(given);
	if (!type) throw new MediaInvalidError(`"${given}" is not a mimetype like image/png`);
	if (!isTypeAllowed(type, allowedTypes)) throw new MediaTypeNotAllowedError(type, [...allowedTypes]);
	return type;
}
