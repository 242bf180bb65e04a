import type { RouteDoc } from './openapi';
import { CHAT_MESSAGES_MAX, CHATS_PAGE_MAX, muteSchema, presenceSchema } from './schemas';

/** Chats, presence and contact profiles (immediate calls through a READY session); listed in openapi.ts ROUTES. */
const CHAT = 'A chat: a phone number, …@c.us, …@lid or …@g.us';
const NOT_READY = 'SESSION_NOT_READY (immediate calls need a READY session)';
const TIMEOUT = 'WHATSAPP_WEB_TIMEOUT (the page did not answer in time)';
const BAD_CHAT = 'RECIPIENT_INVALID (not a number or chat id)';

export const CHAT_ROUTES: RouteDoc[] = [
	{
		method: 'get',
		path: '/api/sessions/{id}/chats',
		summary:
			`The chat list, newest activity first, paged: ?limit (1–${CHATS_PAGE_MAX}, default 20) &cursor (nextCursor of the previous page). ` +
			'{chats: [{id, name, phone, isGroup, unreadCount, timestamp, archived, pinned, muted, mutedUntil, lastMessage {id, type, text, timestamp, fromMe, sender}}], nextCursor, total}',
		responses: { 200: 'A page of chats', 400: 'VALIDATION_FAILED (limit) or CURSOR_INVALID', 409: NOT_READY, 504: TIMEOUT },
	},
	{
		method: 'get',
		path: '/api/sessions/{id}/chats/{chatId}/messages',
		summary:
			`A chat's history, newest first: ?limit (1–${CHAT_MESSAGES_MAX}, default 20) &before (a message id: only older ones; nextBefore of the previous page). ` +
			'{chatId, messages: [as the message event\'s payload; media.url downloads the file], nextBefore}. ' + CHAT,
		responses: { 200: 'A page of messages', 400: `VALIDATION_FAILED (limit) or ${BAD_CHAT}`, 404: 'CHAT_NOT_FOUND, or MESSAGE_NOT_FOUND (before is not in this chat)', 409: NOT_READY, 504: TIMEOUT },
	},
	{
		method: 'post',
		path: '/api/sessions/{id}/chats/{chatId}/read',
		summary: 'Mark the chat read: WhatsApp sends read receipts (blue ticks) for its unread messages. ' + CHAT,
		responses: { 200: '{chatId, read: true}', 400: BAD_CHAT, 404: 'CHAT_NOT_FOUND', 409: NOT_READY, 504: TIMEOUT },
	},
	{
		method: 'post',
		path: '/api/sessions/{id}/chats/{chatId}/presence',
		summary: 'Show "typing…" or "recording audio…" in the chat for some seconds (then paused), or stop it (paused). ' + CHAT,
		body: presenceSchema,
		responses: { 200: '{chatId, state, until}', 400: `VALIDATION_FAILED or ${BAD_CHAT}`, 404: 'CHAT_NOT_FOUND', 409: NOT_READY, 504: TIMEOUT },
	},
	...(['archive', 'unarchive'] as const).map(
		(action): RouteDoc => ({
			method: 'post',
			path: `/api/sessions/{id}/chats/{chatId}/${action}`,
			summary: `${action === 'archive' ? 'Archive' : 'Unarchive'} the chat. ${CHAT}`,
			responses: { 200: '{chatId, archived}', 400: BAD_CHAT, 404: 'CHAT_NOT_FOUND', 409: NOT_READY, 504: TIMEOUT },
		}),
	),
	{
		method: 'post',
		path: '/api/sessions/{id}/chats/{chatId}/mute',
		summary: 'Mute the chat until a time, for some seconds, or (empty body) until unmuted. ' + CHAT,
		body: muteSchema,
		responses: { 200: '{chatId, muted, mutedUntil}', 400: `VALIDATION_FAILED or ${BAD_CHAT}`, 404: 'CHAT_NOT_FOUND', 409: NOT_READY, 504: TIMEOUT },
	},
	{
		method: 'post',
		path: '/api/sessions/{id}/chats/{chatId}/unmute',
		summary: 'Unmute the chat. ' + CHAT,
		responses: { 200: '{chatId, muted: false, mutedUntil: null}', 400: BAD_CHAT, 404: 'CHAT_NOT_FOUND', 409: NOT_READY, 504: TIMEOUT },
	},
	{
		method: 'get',
		path: '/api/sessions/{id}/contacts/{contactId}/profile',
		summary:
			'What WhatsApp tells about a person (a phone number, …@c.us or …@lid): ' +
			'{id, name, pushname, profilePictureUrl, about, isBusiness, business {description, category, email, website, address}, isBlocked}; null where hidden or unset',
		responses: { 200: 'The profile', 400: `${BAD_CHAT}, or a group`, 409: NOT_READY, 422: 'NOT_ON_WHATSAPP', 504: TIMEOUT },
	},
	...(['block', 'unblock'] as const).map(
		(action): RouteDoc => ({
			method: 'post',
			path: `/api/sessions/{id}/contacts/{contactId}/${action}`,
			summary: `${action === 'block' ? 'Block' : 'Unblock'} a person (a phone number, …@c.us or …@lid)`,
			responses: { 200: '{contactId, blocked}', 400: `${BAD_CHAT}, or a group`, 409: NOT_READY, 422: 'NOT_ON_WHATSAPP', 504: TIMEOUT },
		}),
	),
];
