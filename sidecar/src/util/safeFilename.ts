/**
 * File names of received media come from the sender. Shown in n8n, a download
 * dialog or a mail client, control characters break headers and logs, and bidi
 * controls disguise the name: "invoice\u202Efdp.exe" displays as
 * "invoiceexe.pdf". They are removed when the media is stored and again when it
 * is served (media stored by older versions).
 */

// C0 controls, DEL, C1 controls; bidi marks, embeddings, overrides and isolates (U+200E/F, U+061C, U+202A–E, U+2066–9).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_NAME_LENGTH = 200;

/** Only a name (no folders), without control or bidi characters, at most 200 characters; undefined when nothing is left. */
export function safeFilename(name: string | undefined | null): string | undefined {
	if (typeof name !== 'string') return undefined;
	const cleaned = name.replace(UNSAFE_CHARACTERS, '');
	const base = cleaned.slice(Math.max(cleaned.lastIndexOf('/'), cleaned.lastIndexOf('\\')) + 1).trim();
	if (!base || base === '.' || base === '..') return undefined;
	// Keep the end: the extension is what tells people what the file is.
	return base.length > MAX_NAME_LENGTH ? base.slice(base.length - MAX_NAME_LENGTH) : base;
}
