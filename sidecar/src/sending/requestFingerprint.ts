import { createHash } from 'crypto';
import type { JobContent } from '../storage/records';
import type { SendRequest } from './acceptJob';

/**
 * What a send request asks for, as one hash: who gets what, when, and with
 * which reference. An idempotency key that comes again with another fingerprint
 * is not a retry but a different message (a rescheduled appointment, a new
 * text, another emoji), which must not be swallowed as a duplicate. How it is delivered (lane,
 * number check) does not count. Media bytes count by their hash.
 *
 * The reference was checked for size and depth before (acceptJob), so the
 * recursion here is bounded.
 */
export function requestFingerprint(
	request: SendRequest,
	chatId: string,
	sendAtMs: number | undefined,
	content: Omit<JobContent, 'media'> = {},
	sendBeforeMs?: number,
): string {
	const media = request.media
		? 'url' in request.media
			? { url: request.media.url, filename: request.media.filename ?? null }
			: { sha256: sha256(request.media.base64), mimetype: request.media.mimetype, filename: request.media.filename ?? null }
		: null;
	const asked = {
		to: chatId,
		text: request.text ?? null,
		caption: request.caption ?? null,
		media,
		reference: request.reference ?? null,
		sendAt: sendAtMs ?? null,
		// Further kinds (issue 14), as checked (a phone written two ways is one contact). Absent fields are
		// left out of the JSON, so a text or media request hashes as it did before they existed.
		location: content.location,
		contacts: content.contacts,
		poll: content.poll,
		reaction: content.reaction,
		replyTo: content.replyTo,
		mentions: content.mentions,
		edit: content.edit,
		delete: content.delete,
		forward: content.forward,
		// A deadline (issue 15) is part of what was asked; absent, it hashes as before it existed.
		sendBefore: sendBeforeMs,
	};
	return sha256(canonicalJson(asked));
}

/** JSON with object keys sorted: {"a":1,"b":2} and {"b":2,"a":1} are the same reference. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}
