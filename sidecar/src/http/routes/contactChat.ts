import type { WhatsAppEngine } from '../../sessions/engine/Engine';
import { withTimeout } from '../../util/withTimeout';

/**
 * What Check Number adds about the chat: whether this number already has one with
 * the contact, and whether a message would be a first contact (they never wrote),
 * which WhatsApp limits, so a workflow can ask before it sends. Null: the page
 * could not say (or, for groups, it does not apply).
 */
export async function contactChat(
	engine: WhatsAppEngine,
	chatId: string,
	person: boolean,
): Promise<{ chatExists: boolean | null; firstContact: boolean | null }> {
	try {
		const history = await withTimeout(engine.chatHistory(chatId), 30_000, 'reading the chat');
		return { chatExists: history.chatExists, firstContact: person ? !history.theyWrote : null };
	} catch {
		return { chatExists: null, firstContact: null };
	}
}
