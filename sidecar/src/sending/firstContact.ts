import type { Logger } from '../logger';
import type { WhatsAppEngine } from '../sessions/engine/Engine';
import { withTimeout } from '../util/withTimeout';

/** Chats with one person; groups, broadcasts and channels have no "first contact". */
const PERSON_CHAT = /@(c\.us|lid)$/;

/**
 * Whether a message to this chat is a first contact: the person has never written
 * to this number (no chat, or a chat without a message from them). WhatsApp limits
 * such messages, and they count against their own daily cap. Asked of the page
 * right before each send, since the person may write while the message waits.
 * Undefined when it does not apply (a group) or the page cannot say: the message
 * then goes as any other, rather than wait on a question nobody can answer.
 */
export async function firstContactOf(
	chatIds: string[],
	engine: WhatsAppEngine,
	timeoutMs: number,
	logger: Logger,
): Promise<boolean | undefined> {
	// A person WhatsApp addresses by linked id may have written in the LID chat while the job names their phone.
	const chats = chatIds.filter((chatId) => PERSON_CHAT.test(chatId));
	if (!chats.length) return undefined;
	try {
		for (const chatId of chats) {
			const history = await withTimeout(engine.chatHistory(chatId), timeoutMs, 'reading the chat');
			if (history.theyWrote) return false;
		}
		return true;
	} catch (error) {
		logger.warn({ err: error, chatIds: chats }, 'could not read the chat; not known whether this is a first contact');
		return undefined;
	}
}
