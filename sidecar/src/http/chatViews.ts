import type { MessagePayload } from '../contract';
import { phoneOfId, userIdKind } from '../contacts/userIds';
import { CursorInvalidError } from '../errors';
import type { IncomingMessage } from '../sessions/engine/Engine';
import type { ChatSummary } from '../sessions/engine/chatTypes';

/** How the chat routes show chats and history messages, and their stable chat-list cursor. */

export interface ChatView {
	id: string;
	name: string | null;
	/** A one-to-one chat's phone number (digits with the country code); null for groups and hidden numbers. */
	phone: string | null;
	isGroup: boolean;
	unreadCount: number;
	timestamp: number;
	archived: boolean;
	pinned: boolean;
	muted: boolean;
	/** ISO time the mute ends; null when not muted, or muted until unmuted. */
	mutedUntil: string | null;
	lastMessage: { id: string; type: string; text: string | null; timestamp: number; fromMe: boolean; sender: string } | null;
}

export function chatView(chat: ChatSummary, phone: string | null): ChatView {
	const last = chat.lastMessage;
	return {
		id: chat.id,
		name: chat.name,
		phone,
		isGroup: chat.isGroup,
		unreadCount: chat.unreadCount,
		timestamp: chat.timestamp,
		archived: chat.archived,
		pinned: chat.pinned,
		muted: chat.muted,
		mutedUntil: muteEnd(chat.muteExpiration),
		lastMessage: last
			? { id: last.id, type: last.type, text: last.text ?? null, timestamp: last.timestamp, fromMe: last.fromMe, sender: last.sender }
			: null,
	};
}

export function muteEnd(muteExpiration: number): string | null {
	return muteExpiration > 0 ? new Date(muteExpiration * 1000).toISOString() : null;
}

/** Newest activity first; the id breaks ties, so the order (and a cursor into it) is total. */
export function chatOrder(a: ChatSummary, b: ChatSummary): number {
	return b.timestamp - a.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A cursor names the last chat of a page by its place in the order, not by an offset: a
 * chat that gets a new message meanwhile moves to the front, and the next page neither
 * repeats nor skips the others.
 */
export function encodeCursor(chat: ChatSummary): string {
	return Buffer.from(JSON.stringify([chat.timestamp, chat.id])).toString('base64url');
}

export function afterCursor(cursor: string): (chat: ChatSummary) => boolean {
	let position: unknown;
	try {
		position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		throw new CursorInvalidError(cursor);
	}
	if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'string') throw new CursorInvalidError(cursor);
	const mark = { timestamp: position[0], id: position[1] } as ChatSummary;
	return (chat) => chatOrder(mark, chat) < 0;
}

/**
 * A history message in the `message` event's shape. Addresses are what the ids say (a
 * history page asks WhatsApp nothing more); media is a link that downloads through the page.
 */
export function historyMessageView(session: string, message: IncomingMessage): MessagePayload {
	const { downloadMedia: _download, media, ...fields } = message;
	return {
		...fields,
		session,
		senderPhone: phoneOfId(message.sender) ?? null,
		...(userIdKind(message.sender) === 'lid' ? { senderLid: message.sender } : {}),
		chatPhone: message.isGroup ? null : (phoneOfId(message.chatId) ?? null),
		...(!message.isGroup && userIdKind(message.chatId) === 'lid' ? { chatLid: message.chatId } : {}),
		media: media
			? {
					mimetype: media.mimetype,
					filename: media.filename ?? null,
					size: media.size,
					url: `/api/sessions/${session}/messages/${encodeURIComponent(message.id)}/media`,
					base64: null,
				}
			: null,
	};
}
