import { SendUncertainError, SidecarError } from '../errors';

/**
 * What a failed send means for its job:
 * - permanent: sending again cannot help (not on WhatsApp, bad media) → `failed` with that code;
 * - uncertain: the page may have sent it (timeout, browser gone mid-send) → `uncertain`, never resent blindly;
 * - transient: it never reached WhatsApp (session went down, page refused) → retried with backoff.
 */
export type SendVerdict = { kind: 'permanent' | 'uncertain' | 'transient'; code: string; message: string };

export const PERMANENT_CODES: ReadonlySet<string> = new Set([
	'NOT_ON_WHATSAPP',
	'RECIPIENT_INVALID',
	'MEDIA_INVALID',
	'MEDIA_TOO_LARGE',
	'MEDIA_FETCH_FAILED',
	'MEDIA_TYPE_NOT_ALLOWED',
	'MEDIA_URL_BLOCKED',
]);

/** Puppeteer's words for "the page went away while we were talking to it". */
const PAGE_GONE = /target closed|session closed|protocol error|detached frame|execution context was destroyed|connection closed/i;

export function isPageGone(error: unknown): boolean {
	return PAGE_GONE.test((error as Error)?.message ?? '');
}

export function classifySendError(error: unknown): SendVerdict {
	if (error instanceof SendUncertainError) return { kind: 'uncertain', code: error.code, message: error.message };
	if (error instanceof SidecarError && PERMANENT_CODES.has(error.code)) {
		return { kind: 'permanent', code: error.code, message: error.message };
	}
	const message = (error as Error)?.message ?? String(error);
	return { kind: 'transient', code: 'SEND_FAILED', message };
}
