/**
 * What a send request may carry as media, and the limits the sidecar puts on it.
 *
 * Media comes as a URL the sidecar downloads when the message is sent, or inline as
 * base64. The limits exist because the URL comes from a workflow: without them a
 * request could make the sidecar fill its memory, hang on a slow server, or reach a
 * service on the sidecar's own network (SSRF).
 */
export type MediaInput = UrlMediaInput | Base64MediaInput;

export interface UrlMediaInput {
	url: string;
	/** Overrides the name taken from Content-Disposition or the URL. */
	filename?: string;
}

export interface Base64MediaInput {
	base64: string;
	mimetype: string;
	filename?: string;
}

export interface MediaPolicy {
	/** SIDECAR_MEDIA_MAX_BYTES. */
	maxBytes: number;
	/** The whole download, redirects included (SIDECAR_MEDIA_TIMEOUT_MS). */
	timeoutMs: number;
	/** Exact types or `type/*` patterns (SIDECAR_MEDIA_ALLOWED_TYPES). */
	allowedTypes: string[];
	/**
	 * Host names, addresses or CIDRs that may be downloaded from although they are
	 * private or local (SIDECAR_MEDIA_ALLOWED_HOSTS), e.g. a MinIO next to the sidecar.
	 */
	allowedHosts: string[];
	maxRedirects: number;
}

export interface LoadedMedia {
	mimetype: string;
	data: Buffer;
	filename?: string;
}

export const OFFICE_DOCUMENT_TYPES = [
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/vnd.oasis.opendocument.presentation',
	'application/rtf',
];

export const DEFAULT_MEDIA_POLICY: MediaPolicy = Object.freeze({
	maxBytes: 16 * 1024 * 1024,
	timeoutMs: 30_000,
	allowedTypes: Object.freeze([
		'image/*',
		'video/*',
		'audio/*',
		'application/pdf',
		...OFFICE_DOCUMENT_TYPES,
		'text/plain',
		'text/csv',
		'application/zip',
	]) as string[],
	allowedHosts: Object.freeze([]) as unknown as string[],
	maxRedirects: 3,
});

/**
 * The default policy with the settings that are given; an `undefined` setting (an
 * unset environment variable) keeps its default instead of erasing it.
 */
export function mediaPolicy(settings: Partial<MediaPolicy> = {}): MediaPolicy {
	const given = Object.entries(settings).filter(([, value]) => value !== undefined);
	return { ...DEFAULT_MEDIA_POLICY, ...Object.fromEntries(given) };
}
