import type { Chat, Client, Message } from 'whatsapp-web.js';
import type { IncomingMessage } from './Engine';
import { incomingMessage } from './incomingMessage';
import { type ChatMessagesPage, type ChatSummary, MessageNotInChatError, type PresenceState } from './chatTypes';

/** How far back `before` is looked for: older cursors are refused rather than loading a whole chat. */
export const MAX_HISTORY_SCAN = 1_000;

/**
 * Runs in the page (serialized by puppeteer): the existing chat with this id, or with the
 * same person's other address (a phone-number chat WhatsApp moved to the LID), without
 * creating one: the library's getChatById falls back to findOrCreateLatestChat, which would.
 */
export function findExistingChat(chatId: string): string | null {
	const page = globalThis as unknown as { require(name: string): any }; // eslint-disable-line @typescript-eslint/no-explicit-any
	const wid = page.require('WAWebWidFactory').createWid(chatId);
	const chats = page.require('WAWebCollections').Chat;
	let chat = chats.get(wid);
	if (!chat && (wid.server === 'c.us' || wid.server === 'lid')) {
		const alternate = page.require('WAWebApiContact').getAlternateUserWid(wid);
		if (alternate) chat = chats.get(alternate);
	}
	return chat ? (chat.id._serialized as string) : null;
}

export async function findChat(client: Client, chatId: string): Promise<string | null> {
	return requirePage(client).evaluate(findExistingChat, chatId);
}

export async function listChats(client: Client): Promise<ChatSummary[]> {
	const chats = await client.getChats();
	const summaries: ChatSummary[] = [];
	for (const chat of chats) {
		// The library's lastMessage is the last *received* one (lastReceivedKey); the routes ask for the
		// newest either way only for the chats of the page they answer (one page call each).
		const last = chat.lastMessage;
		summaries.push({
			id: chat.id._serialized,
			name: chat.name || null,
			isGroup: chat.isGroup,
			unreadCount: Math.max(0, Number(chat.unreadCount) || 0),
			timestamp: Number(chat.timestamp) || 0,
			archived: Boolean(chat.archived),
			pinned: Boolean(chat.pinned),
			muted: Boolean(chat.isMuted),
			muteExpiration: Number(chat.muteExpiration) || 0,
			lastMessage: last ? await historyMessage(last, chat) : null,
		});
	}
	return summaries;
}

export async function markChatRead(client: Client, chatId: string): Promise<void> {
	await client.sendSeen(chatId);
}

export async function setChatPresence(client: Client, chatId: string, state: PresenceState): Promise<void> {
	const chat = await client.getChatById(chatId);
	if (state === 'typing') await chat.sendStateTyping();
	else if (state === 'recording') await chat.sendStateRecording();
	else await chat.clearState();
}

/**
 * A page of history through the library's fetchMessages, which loads earlier messages
 * (WAWebChatLoadMessages.loadEarlierMsgs) until it has `limit` and keeps the newest. It
 * knows no cursor, so `before` asks for more and more until the message is among them.
 */
export async function chatMessages(client: Client, chatId: string, options: { limit: number; before?: string }): Promise<ChatMessagesPage> {
	const chat = await client.getChatById(chatId);
	const { limit, before } = options;
	let want = limit + 1 + (before ? 1 : 0);
	for (;;) {
		const loaded = chronological(await chat.fetchMessages({ limit: want }));
		const exhausted = loaded.length < want;
		let older = loaded;
		if (before) {
			const at = loaded.findIndex((m) => m.id._serialized === before || m.id.id === before);
			if (at < 0) {
				if (exhausted || want >= MAX_HISTORY_SCAN) throw new MessageNotInChatError(before);
				want = Math.min(MAX_HISTORY_SCAN, want * 2);
				continue;
			}
			older = loaded.slice(0, at);
			if (older.length <= limit && !exhausted && want < MAX_HISTORY_SCAN) {
				want = Math.min(MAX_HISTORY_SCAN, want + limit + 1);
				continue;
			}
		}
		const page = older.slice(-limit).reverse();
		const messages: IncomingMessage[] = [];
		for (const message of page) messages.push(await historyMessage(message, chat));
		return { messages, hasMore: older.length > limit };
	}
}

export async function setChatArchived(client: Client, chatId: string, archived: boolean): Promise<void> {
	if (archived) await client.archiveChat(chatId);
	else await client.unarchiveChat(chatId);
}

export async function muteChat(client: Client, chatId: string, until?: number): Promise<{ muted: boolean; muteExpiration: number }> {
	const result = await client.muteChat(chatId, until === undefined ? undefined : new Date(until * 1000));
	return { muted: result.isMuted, muteExpiration: result.muteExpiration };
}

export async function unmuteChat(client: Client, chatId: string): Promise<{ muted: boolean; muteExpiration: number }> {
	const result = await client.unmuteChat(chatId);
	return { muted: result.isMuted, muteExpiration: result.muteExpiration };
}

export async function messageMedia(client: Client, messageId: string): Promise<{ mimetype: string; data: Buffer; filename?: string } | null> {
	const message = await client.getMessageById(messageId).catch(() => undefined);
	if (!message?.hasMedia) return null;
	const converted = await incomingMessage(message, { groupName: null });
	return converted.downloadMedia ? converted.downloadMedia() : null;
}

/** A history message in the `message` event's shape; its media is fetched later, through the media link. */
async function historyMessage(message: Message, chat: Chat): Promise<IncomingMessage> {
	const { downloadMedia: _download, ...fields } = await incomingMessage(message, { groupName: chat.isGroup ? chat.name || null : null });
	return fields;
}

function chronological(messages: Message[]): Message[] {
	// Stable: messages of the same second keep the page's order.
	return messages.map((m, i) => ({ m, i })).sort((a, b) => a.m.timestamp - b.m.timestamp || a.i - b.i).map((x) => x.m);
}

function requirePage(client: Client) {
	const page = client.pupPage;
	if (!page) throw new Error('the browser is not running');
	return page;
}
