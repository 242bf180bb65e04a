import { randomUUID } from 'crypto';
import { z } from 'zod';
import type { SendingOptions } from '../config';
import {
	IdempotencyKeyReusedError,
	OptedOutError,
	ReferenceTooDeepError,
	ReferenceTooLargeError,
	SendBeforeInvalidError,
	ValidationError,
} from '../errors';
import type { JobStore } from '../storage/JobStore';
import { markJob, skipJob } from './jobTransitions';
import { jsonSize } from './jsonSize';
import { checkMediaInput } from './media/loadMedia';
import type { MediaPolicy } from './media/MediaPolicy';
import type { Lane } from '../contract';
import type { JobMedia, MessageJob } from '../storage/records';
import { contentOf, type ContentRequest } from './content/messageContent';
import { normalizeRecipient } from './recipients';
import { requestFingerprint } from './requestFingerprint';

/** A send request as the API validated it (http/schemas.ts); content fields beyond text and media in ContentRequest. */
export interface SendRequest extends ContentRequest {
	to: string;
	text?: string;
	media?: { url: string; filename?: string } | { base64: string; mimetype: string; filename?: string };
	caption?: string;
	reference?: unknown;
	idempotencyKey?: string;
	sendAt?: string;
	sendBefore?: string;
	lane?: Lane;
	checkNumber?: boolean;
	/** Set by the campaign service, never by the HTTP API (its schema is strict): the campaign this job belongs to. */
	campaignId?: string;
}

export interface AcceptDeps {
	store: JobStore;
	options: SendingOptions;
	media: MediaPolicy;
	/** Opt-outs (issue 15): the contact on the opt-out list a chat id belongs to, if any. */
	optedOut?(session: string, chatId: string): string | undefined;
}

/**
 * Turns a request into a persisted job. Everything before `store.add` is
 * synchronous, so two requests with the same idempotency key cannot both pass
 * the duplicate check: the second finds the first in the index, or waits for
 * the write the first started.
 */
export async function acceptJob(
	session: string,
	request: SendRequest,
	deps: AcceptDeps,
): Promise<{ job: MessageJob; duplicate: boolean }> {
	checkReference(request.reference, deps.options.referenceMaxBytes);
	const recipient = normalizeRecipient(request.to, deps.options.defaultCountryCode);
	const { kind, content } = contentOf(request, deps.options.defaultCountryCode, recipient.chatId);
	const sendAt = request.sendAt ? Date.parse(request.sendAt) : undefined;
	if (sendAt !== undefined && Number.isNaN(sendAt)) throw new ValidationError(`sendAt "${request.sendAt}" is not a date and time`);
	const sendBefore = sendBeforeOf(request, sendAt);
	const fingerprint = requestFingerprint(request, recipient.chatId, sendAt, content, sendBefore);
	if (request.idempotencyKey) {
		// No await unless a write is pending: a pause here would let a second request with this key through.
		const pending = deps.store.beingAdded(request.idempotencyKey);
		const earlier = deps.store.byIdempotencyKey(request.idempotencyKey) ?? (pending ? await pending : undefined);
		if (earlier) return { job: sameRequest(earlier, fingerprint, request.idempotencyKey), duplicate: true };
	}
	if (request.media) checkMediaInput(request.media, deps.media);
	const now = Date.now();
	// After the duplicate check: a retry of an accepted request is answered with its job, even once the deadline passed.
	if (sendBefore !== undefined && sendBefore <= now) throw new SendBeforeInvalidError(request.sendBefore!, 'past');
	const scheduled = sendAt !== undefined && sendAt > now;

	const { media, base64 } = jobMedia(request.media);
	const job: MessageJob = {
		id: `msg_${randomUUID()}`,
		seq: deps.store.nextSeq(),
		session,
		to: recipient.chatId,
		content: { ...content, media },
		reference: request.reference,
		campaignId: request.campaignId,
		idempotencyKey: request.idempotencyKey,
		fingerprint,
		// Reactions, edits and deletions always take the reply lane, with the reactions' small gap (pacing: reaction).
		lane: kind === 'reaction' || kind === 'edit' || kind === 'delete' ? 'reply' : (request.lane ?? 'bulk'),
		checkNumber: request.checkNumber ?? false,
		status: scheduled ? 'scheduled' : 'queued',
		ack: null,
		messageIds: [],
		attempts: 0,
		notBefore: scheduled ? sendAt : undefined,
		notAfter: sendBefore,
		resent: false,
		history: [],
		createdAt: now,
		updatedAt: now,
	};
	markJob(job, job.status, { detail: scheduled ? `send at ${request.sendAt}` : undefined });
	// A bulk message to someone who opted out is kept, as skipped, so the workflow sees why it never went.
	const optedOut = job.lane === 'bulk' ? deps.optedOut?.(session, job.to) : undefined;
	if (optedOut !== undefined) {
		const error = new OptedOutError(optedOut);
		skipJob(job, error.code, error.message);
	}
	await deps.store.add(job, optedOut === undefined ? base64 : undefined);
	return { job, duplicate: false };
}

/**
 * A request that cannot become a message is kept as a `failed` job with the error's code (a campaign's
 * contact with a number that is no number, or without a template variable): one bad row fails that
 * row, visibly and under its reference, not the whole campaign. Idempotent like any job.
 */
export async function acceptFailedJob(
	session: string,
	request: { to: string; reference?: unknown; idempotencyKey?: string; campaignId?: string },
	error: { code: string; message: string },
	deps: Pick<AcceptDeps, 'store'>,
): Promise<{ job: MessageJob; duplicate: boolean }> {
	const earlier = request.idempotencyKey ? deps.store.byIdempotencyKey(request.idempotencyKey) : undefined;
	if (earlier) return { job: earlier, duplicate: true };
	const now = Date.now();
	const job: MessageJob = {
		id: `msg_${randomUUID()}`,
		seq: deps.store.nextSeq(),
		session,
		to: request.to,
		content: {},
		reference: request.reference,
		campaignId: request.campaignId,
		idempotencyKey: request.idempotencyKey,
		lane: 'bulk',
		checkNumber: false,
		status: 'failed',
		ack: null,
		messageIds: [],
		attempts: 0,
		resent: false,
		error: { code: error.code, message: error.message },
		history: [],
		createdAt: now,
		updatedAt: now,
	};
	markJob(job, 'failed', { detail: error.code });
	await deps.store.add(job);
	return { job, duplicate: false };
}

const ISO_TIME = z.iso.datetime({ offset: true });

/** The request's sendBefore in ms, checked: a time, after sendAt (SEND_BEFORE_INVALID; "in the future" is checked for new jobs only). */
export function sendBeforeOf(request: Pick<SendRequest, 'sendBefore' | 'sendAt'>, sendAt: number | undefined): number | undefined {
	if (request.sendBefore === undefined) return undefined;
	// The same ISO form sendAt takes (the schema's), so "05/01" is not read in some locale's way.
	const sendBefore = ISO_TIME.safeParse(request.sendBefore).success ? Date.parse(request.sendBefore) : Number.NaN;
	if (Number.isNaN(sendBefore)) throw new SendBeforeInvalidError(request.sendBefore, 'not a date');
	if (sendAt !== undefined && sendBefore <= sendAt) throw new SendBeforeInvalidError(request.sendBefore, 'not after sendAt', request.sendAt);
	return sendBefore;
}

/** Deeper than any sensible set of ids, and shallow enough for everything that walks a reference later. */
export const REFERENCE_MAX_DEPTH = 32;

/** Measured without recursion, so a reference nested 100,000 deep is refused instead of overflowing the stack. */
export function checkReference(reference: unknown, maxBytes: number): void {
	if (reference === undefined) return;
	const size = jsonSize(reference, { maxDepth: REFERENCE_MAX_DEPTH, maxBytes });
	if (size.within) return;
	if (size.over === 'depth') throw new ReferenceTooDeepError(REFERENCE_MAX_DEPTH);
	// Measuring stopped once past the limit, so the exact size is not known (and not worth knowing).
	throw new ReferenceTooLargeError(undefined, maxBytes);
}

/** The job an idempotency key already names, if this request asks for the same; 409 if it asks for something else. */
function sameRequest(earlier: MessageJob, fingerprint: string, key: string): MessageJob {
	// Jobs accepted before fingerprints were kept have none: they count as the same, as they always did.
	if (earlier.fingerprint !== undefined && earlier.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(key, earlier.id);
	return earlier;
}

function jobMedia(media: SendRequest['media']): { media?: JobMedia; base64?: string } {
	if (!media) return {};
	if ('url' in media) return { media: { kind: 'url', url: media.url, filename: media.filename } };
	const base64 = media.base64.replace(/^data:[^;]+;base64,/, '');
	return {
		media: { kind: 'stored', mimetype: media.mimetype, filename: media.filename, size: Math.floor((base64.length * 3) / 4) },
		base64,
	};
}
