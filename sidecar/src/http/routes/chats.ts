import { Router } from 'express';
import { ChatMessageNotFoundError } from '../../errors';
import type { SessionManager } from '../../sessions/SessionManager';
import { MessageNotInChatError } from '../../sessions/engine/chatTypes';
import type { WhatsAppEngine } from '../../sessions/engine/Engine';
import { phoneOfId, userIdKind } from '../../contacts/userIds';
import { afterCursor, chatOrder, chatView, encodeCursor, historyMessageView, muteEnd } from '../chatViews';
import { chatMessagesQuerySchema, listChatsQuerySchema, muteSchema } from '../schemas';
import { validate } from '../validate';
import { existingChat, pageCall, readyEngine } from './chatCalls';

/**
 * The session's chats, read and changed at once through the page (not queued): the chat
 * list, a chat's history, read receipts, archive and mute. A chat is named by a phone
 * number, `…@c.us`, `…@lid` or `…@g.us`; one this account has no chat with is CHAT_NOT_FOUND.
 */
export function chatRoutes(manager: SessionManager, defaultCountryCode: string | undefined): Router {
	const router = Router();

	router.get('/sessions/:id/chats', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const query = validate(listChatsQuerySchema, req.query);
		const after = query.cursor ? afterCursor(query.cursor) : () => true;
		const engine = readyEngine(session);
		const all = (await pageCall(engine.listChats(), 'listing the chats')).sort(chatOrder);
		const rest = all.filter(after);
		const page = rest.slice(0, query.limit);
		const chats = [];
		for (const chat of page) {
			const last = (await newestMessage(engine, chat.id)) ?? chat.lastMessage;
			chats.push(chatView({ ...chat, lastMessage: last }, await phoneOf(engine, chat.id, chat.isGroup)));
		}
		const more = rest.length > page.length;
		res.json({ chats, nextCursor: more && page.length ? encodeCursor(page[page.length - 1]) : null, total: all.length });
	});

	router.get('/sessions/:id/chats/:chatId/messages', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const query = validate(chatMessagesQuerySchema, req.query);
		const engine = readyEngine(session);
		const chatId = await existingChat(engine, String(req.params.chatId), defaultCountryCode);
		try {
			const page = await pageCall(engine.chatMessages(chatId, { limit: query.limit, before: query.before }), 'reading the chat history');
			const messages = page.messages.map((m) => historyMessageView(session.id, m));
			res.json({ chatId, messages, nextBefore: page.hasMore && messages.length ? messages[messages.length - 1].id : null });
		} catch (error) {
			if (error instanceof MessageNotInChatError) throw new ChatMessageNotFoundError(query.before ?? '', chatId);
			throw error;
		}
	});

	router.post('/sessions/:id/chats/:chatId/read', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const engine = readyEngine(session);
		const chatId = await existingChat(engine, String(req.params.chatId), defaultCountryCode);
		await pageCall(engine.markChatRead(chatId), 'marking the chat read');
		res.json({ chatId, read: true });
	});

	for (const archived of [true, false]) {
		router.post(`/sessions/:id/chats/:chatId/${archived ? 'archive' : 'unarchive'}`, async (req, res) => {
			const session = manager.get(String(req.params.id));
			const engine = readyEngine(session);
			const chatId = await existingChat(engine, String(req.params.chatId), defaultCountryCode);
			await pageCall(engine.setChatArchived(chatId, archived), archived ? 'archiving the chat' : 'unarchiving the chat');
			res.json({ chatId, archived });
		});
	}

	router.post('/sessions/:id/chats/:chatId/mute', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const body = validate(muteSchema, req.body);
		const engine = readyEngine(session);
		const chatId = await existingChat(engine, String(req.params.chatId), defaultCountryCode);
		const until = body.until ? Math.floor(Date.parse(body.until) / 1000) : body.seconds ? Math.floor(Date.now() / 1000) + body.seconds : undefined;
		const result = await pageCall(engine.muteChat(chatId, until), 'muting the chat');
		res.json({ chatId, muted: result.muted, mutedUntil: muteEnd(result.muteExpiration) });
	});

	router.post('/sessions/:id/chats/:chatId/unmute', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const engine = readyEngine(session);
		const chatId = await existingChat(engine, String(req.params.chatId), defaultCountryCode);
		const result = await pageCall(engine.unmuteChat(chatId), 'unmuting the chat');
		res.json({ chatId, muted: result.muted, mutedUntil: null });
	});

	return router;
}

/** The newest message of a chat, either way (the chat list's lastMessage); null when the page cannot say. */
async function newestMessage(engine: WhatsAppEngine, chatId: string) {
	return pageCall(engine.chatMessages(chatId, { limit: 1 }), 'reading the chat\'s last message', 10_000)
		.then((page) => page.messages[0] ?? null)
		.catch(() => null);
}

/** A one-to-one chat's number: in its id, or for a `…@lid` chat as WhatsApp tells it (null when it does not). */
async function phoneOf(engine: WhatsAppEngine, chatId: string, isGroup: boolean): Promise<string | null> {
	if (isGroup) return null;
	const inId = phoneOfId(chatId);
	if (inId) return inId;
	if (userIdKind(chatId) !== 'lid') return null;
	return pageCall(engine.lidAndPhone(chatId), 'asking for the number behind a linked id', 5_000)
		.then((found) => found.phone)
		.catch(() => null);
}
