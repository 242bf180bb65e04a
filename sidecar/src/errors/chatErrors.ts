import { SidecarError } from './SidecarError';
import { short } from './text';

/** Chats, their history and contact profiles: immediate calls through a READY session. */

export class ChatNotFoundError extends SidecarError {
	constructor(chatId: string) {
		super(
			'CHAT_NOT_FOUND',
			`This WhatsApp account has no chat with "${short(chatId)}". Check the number or id (List Chats shows the chats there are); a chat starts when a message is sent or received.`,
			{ chatId: short(chatId) },
		);
	}
}

export class ChatMessageNotFoundError extends SidecarError {
	constructor(messageId: string, chatId: string) {
		super(
			'MESSAGE_NOT_FOUND',
			`The message "${short(messageId)}" is not in the chat ${short(chatId)} (or is too far back to look for). Use a message id from this chat's history, or leave "before" empty for the newest messages.`,
			{ messageId: short(messageId), chatId: short(chatId) },
		);
	}
}

export class CursorInvalidError extends SidecarError {
	constructor(cursor: string) {
		super(
			'CURSOR_INVALID',
			`The cursor "${short(cursor)}" is not one the sidecar gave out. Use the nextCursor of the previous page as it is, or leave the cursor empty for the first page.`,
		);
	}
}

export class WhatsAppWebTimeoutError extends SidecarError {
	/** `what`: what was asked, e.g. "listing the chats". */
	constructor(what: string, ms: number) {
		super(
			'WHATSAPP_WEB_TIMEOUT',
			`WhatsApp Web did not answer ${what} within ${Math.round(ms / 1000)} s. The session may be busy or stuck: try again in a moment, and restart the session if it keeps happening.`,
			{ timeoutMs: ms },
		);
	}
}
