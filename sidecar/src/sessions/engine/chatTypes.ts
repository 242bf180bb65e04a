import type { IncomingMessage } from './Engine';

/**
 * Chats and contacts as the engine reports them (issue 14): immediate calls through the
 * page, not queued. Ids are WhatsApp's (`…@c.us`, `…@lid`, `…@g.us`).
 */

/** One chat of the chat list, as WhatsApp Web knows it. */
export interface ChatSummary {
	id: string;
	/** The contact's or group's name as WhatsApp Web shows it (the number when it knows no name). */
	name: string | null;
	isGroup: boolean;
	unreadCount: number;
	/** Unix seconds of the chat's latest activity. */
	timestamp: number;
	archived: boolean;
	pinned: boolean;
	muted: boolean;
	/** Unix seconds the mute ends; -1 muted for good; 0 not muted. */
	muteExpiration: number;
	/** The last message received in the chat (the library's lastMessage); null when none is loaded. */
	lastMessage: IncomingMessage | null;
}

/** A page of a chat's history, newest first. */
export interface ChatMessagesPage {
	messages: IncomingMessage[];
	/** Older messages exist (ask again with `before` = the last message's id). */
	hasMore: boolean;
}

/** `before` named a message the chat's history does not hold (within how far back the sidecar looks). */
export class MessageNotInChatError extends Error {}

export type PresenceState = 'typing' | 'recording' | 'paused';

export interface BusinessProfile {
	description: string | null;
	category: string | null;
	email: string | null;
	website: string[];
	address: string | null;
}

/** What WhatsApp tells about a person. */
export interface ContactProfileInfo {
	id: string;
	/** The name this account saved for them (its address book), if any. */
	name: string | null;
	/** The name they gave themselves. */
	pushname: string | null;
	/** Null when they have none, or their privacy settings hide it. */
	profilePictureUrl: string | null;
	/** Their "about" text; null when hidden or unset. */
	about: string | null;
	isBusiness: boolean;
	business: BusinessProfile | null;
	isBlocked: boolean;
}

/** The engine's chat and contact calls (WhatsAppEngine extends this). */
export interface ChatsEngine {
	/** The id of the existing chat with this id (or with the same person's other address); null when there is none. Creates nothing. */
	findChat(chatId: string): Promise<string | null>;
	/** Every chat, cheaply: lastMessage is the last received one (ask chatMessages for the newest either way). */
	listChats(): Promise<ChatSummary[]>;
	/** Marks the chat read (WhatsApp sends read receipts for its unread messages). */
	markChatRead(chatId: string): Promise<void>;
	setChatPresence(chatId: string, state: PresenceState): Promise<void>;
	/** Newest first; `before`: only messages older than this message id (MessageNotInChatError when it is not found). */
	chatMessages(chatId: string, options: { limit: number; before?: string }): Promise<ChatMessagesPage>;
	setChatArchived(chatId: string, archived: boolean): Promise<void>;
	/** `until`: unix seconds; undefined mutes for good. Answers the new mute state. */
	muteChat(chatId: string, until?: number): Promise<{ muted: boolean; muteExpiration: number }>;
	unmuteChat(chatId: string): Promise<{ muted: boolean; muteExpiration: number }>;
	contactProfile(contactId: string): Promise<ContactProfileInfo>;
	setContactBlocked(contactId: string, blocked: boolean): Promise<void>;
	/** A message's media, downloaded through the page; null when the page has no such message or it has no media. */
	messageMedia(messageId: string): Promise<{ mimetype: string; data: Buffer; filename?: string } | null>;
}
