import type { ChatHistory } from './Engine';

/**
 * Runs inside the WhatsApp Web page (puppeteer serializes it, so it may use
 * nothing from this module's scope). It reads the chat without creating it:
 * whatsapp-web.js's getChatById falls back to findOrCreateLatestChat, which makes
 * an empty chat appear, and every later check would then find "a chat".
 *
 * They wrote when the chat's `lastReceivedKey` (the key of the last message
 * received in it; the library reads it for a chat's lastMessage) is theirs, or a
 * loaded message of the chat is.
 */
export function readChatHistory(chatId: string): ChatHistory {
	type Key = { fromMe?: boolean } | undefined;
	type Chat = { lastReceivedKey?: Key; msgs?: { getModelsArray?(): Array<{ id?: Key }> } };
	const page = globalThis as unknown as { require(name: string): any }; // eslint-disable-line @typescript-eslint/no-explicit-any
	const wid = page.require('WAWebWidFactory').createWid(chatId);
	const chat = page.require('WAWebCollections').Chat.get(wid) as Chat | undefined;
	if (!chat) return { chatExists: false, theyWrote: false };
	const received = chat.lastReceivedKey !== undefined && chat.lastReceivedKey !== null && !chat.lastReceivedKey.fromMe;
	const loaded = chat.msgs?.getModelsArray?.() ?? [];
	return { chatExists: true, theyWrote: received || loaded.some((msg) => msg.id !== undefined && !msg.id.fromMe) };
}
