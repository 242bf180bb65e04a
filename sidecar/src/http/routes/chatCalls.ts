import { ChatNotFoundError, SessionNotReadyError, WhatsAppWebTimeoutError } from '../../errors';
import { normalizeRecipient, type Recipient } from '../../sending/recipients';
import type { Session } from '../../sessions/Session';
import type { WhatsAppEngine } from '../../sessions/engine/Engine';
import { TimeoutError, withTimeout } from '../../util/withTimeout';

/** Every page call of the chat routes is bounded: a stuck page answers 504, never hangs the request. */
export const PAGE_CALL_TIMEOUT_MS = 30_000;

/** The session's engine, only while READY (immediate calls are not queued). */
export function readyEngine(session: Session): WhatsAppEngine {
	const engine = session.readyEngine();
	if (!engine) throw new SessionNotReadyError(session.id);
	return engine;
}

/** A page call within the time limit; a timeout becomes WHATSAPP_WEB_TIMEOUT naming `what`. */
export async function pageCall<T>(promise: Promise<T>, what: string, ms = PAGE_CALL_TIMEOUT_MS): Promise<T> {
	try {
		return await withTimeout(promise, ms, what);
	} catch (error) {
		if (error instanceof TimeoutError) throw new WhatsAppWebTimeoutError(what, ms);
		throw error;
	}
}

/** A chat id, phone number, `…@lid` or `…@g.us` as written (RECIPIENT_INVALID when it is none of them). */
export function chatTarget(input: string, defaultCountryCode: string | undefined): Recipient {
	return normalizeRecipient(input, defaultCountryCode);
}

/** The existing chat the input names (under either of a person's addresses); CHAT_NOT_FOUND when there is none. */
export async function existingChat(engine: WhatsAppEngine, input: string, defaultCountryCode: string | undefined): Promise<string> {
	const target = chatTarget(input, defaultCountryCode);
	const found = await pageCall(engine.findChat(target.chatId), 'looking the chat up');
	if (!found) throw new ChatNotFoundError(input);
	return found;
}
