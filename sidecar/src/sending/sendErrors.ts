import { isPermanent } from '../contract';
import { SendUncertainError, SidecarError } from '../errors';

/**
 * What a failed send means for its job:
 * - permanent (the contract says which codes are): sending again cannot help (not on WhatsApp, bad media) → `failed` with that code;
 * - uncertain: the page may have sent it (timeout, browser gone mid-send) → `uncertain`, never resent blindly;
 * - transient: it never reached WhatsApp (session went down, page refused) → retried with backoff.
 */
export type SendVerdict = { kind: 'permanent' | 'uncertain' | 'transient'; code: string; message: string };

/** Puppeteer's words for "the page went away while we were talking to it". */
const PAGE_GONE = /target closed|session closed|protocol error|detached frame|execution context was destroyed|connection closed/i;

export function isPageGone(error: unknown): boolean {
	return PAGE_GONE.test((error as Error)?.message ?? '');
}

export function classifySendError(error: unknown): SendVerdict {
	if (error instanceof SendUncertainError) return { kind: 'uncertain', code: error.code, message: error.message };
	if (error instanceof SidecarError && isPermanent(error.code)) {
		return { kind: 'permanent', code: error.code, message: error.message };
	}
	const message = (error as Error)?.message ?? String(error);
	return { kind: 'transient', code: 'SEND_FAILED', message };
}
