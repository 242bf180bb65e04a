import { NotOnWhatsAppError, SendUncertainError, SendWindowPassedError } from '../errors';
import { pastSendWindow } from './sendWindow';
import type { OutgoingMessage, SentMessage, WhatsAppEngine } from '../sessions/engine/Engine';
import type { JobStore } from '../storage/JobStore';
import { TimeoutError, withTimeout } from '../util/withTimeout';
import { loadMedia } from './media/loadMedia';
import type { MediaPolicy } from './media/MediaPolicy';
import type { MessageJob } from '../storage/records';
import { isPageGone } from './sendErrors';
import { kindOf } from './content/messageContent';

export interface SendAttemptDeps {
	store: JobStore;
	media: MediaPolicy;
	sendTimeoutMs: number;
	/** Typing time for a message of this length (0: no typing). */
	typingMs(length: number): number;
}

/**
 * One try at sending a job: check the number if asked, fetch or read the media,
 * then the library call. Only the library call can leave a message half-sent:
 * its timeout or a page lost mid-call becomes SendUncertainError.
 */
export async function sendAttempt(job: MessageJob, engine: WhatsAppEngine, deps: SendAttemptDeps): Promise<SentMessage> {
	let chatId = job.to;
	if (job.checkNumber && chatId.endsWith('@c.us')) {
		const number = chatId.split('@')[0];
		const found = await withTimeout(engine.numberId(number), deps.sendTimeoutMs, 'checking the number');
		if (!found) throw new NotOnWhatsAppError(number);
		chatId = found; // WhatsApp may know the number under another id (e.g. Brazil's ninth digit)
	}
	const message = { ...(await outgoing(job, deps)), ...beyondTextAndMedia(job) };
	const text = message.text ?? message.caption ?? message.poll?.question ?? '';
	// A reaction, an edit, a deletion or a forward shows no "typing…" in the chat.
	message.typingMs = message.reaction || message.edit || message.delete || message.forward ? 0 : deps.typingMs(text.length);
	// Typing happens inside the call; give the timeout room for it.
	const limit = deps.sendTimeoutMs + (message.typingMs ?? 0);
	// The last moment before WhatsApp gets it: checking the number and fetching media take time (sendBefore, issue 15).
	if (pastSendWindow(job)) throw new SendWindowPassedError(job.notAfter!);
	try {
		return await withTimeout(engine.sendMessage(chatId, message), limit, 'sending the message');
	} catch (error) {
		if (error instanceof TimeoutError) {
			throw new SendUncertainError(`WhatsApp Web did not confirm the message within ${Math.round(limit / 1000)} s`);
		}
		if (isPageGone(error)) throw new SendUncertainError(`the browser went away while sending (${(error as Error).message})`);
		throw error;
	}
}

/** The kinds beyond text and media (issue 14), and a reply's quote and mentions, as the engine takes them. */
function beyondTextAndMedia(job: MessageJob): Partial<OutgoingMessage> {
	const { location, contacts, poll, reaction, replyTo, mentions, edit, delete: deletion, forward } = job.content;
	const kind = kindOf(job.content);
	return {
		...(kind !== 'text' && kind !== 'media' ? { text: undefined } : {}),
		...(location ? { location } : {}),
		...(contacts ? { contacts } : {}),
		...(poll ? { poll } : {}),
		...(reaction ? { reaction } : {}),
		...(replyTo ? { replyTo } : {}),
		...(mentions?.length ? { mentions } : {}),
		...(edit ? { edit: { messageId: edit.target.messageId, text: edit.text } } : {}),
		...(deletion ? { delete: { messageId: deletion.target.messageId, forEveryone: deletion.forEveryone } } : {}),
		...(forward ? { forward: { messageId: forward.target.messageId } } : {}),
	};
}

async function outgoing(job: MessageJob, deps: SendAttemptDeps): Promise<OutgoingMessage> {
	const { media } = job.content;
	if (!media) return { text: job.content.text ?? '' };
	if (media.kind === 'url') {
		const loaded = await loadMedia({ url: media.url }, deps.media);
		return {
			media: { mimetype: loaded.mimetype, data: loaded.data, filename: media.filename ?? loaded.filename },
			caption: job.content.caption,
		};
	}
	const base64 = await deps.store.media(job.id);
	if (base64 === undefined) throw new Error('the media of this message is missing from the data folder');
	return {
		media: { mimetype: media.mimetype, data: Buffer.from(base64, 'base64'), filename: media.filename },
		caption: job.content.caption,
	};
}
