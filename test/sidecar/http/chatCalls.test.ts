import { WhatsAppWebTimeoutError } from '../../../sidecar/src/errors';
import { afterCursor, chatOrder, encodeCursor } from '../../../sidecar/src/http/chatViews';
import { pageCall } from '../../../sidecar/src/http/routes/chatCalls';
import type { ChatSummary } from '../../../sidecar/src/sessions/engine/chatTypes';

const chat = (id: string, timestamp: number): ChatSummary => ({
	id,
	name: null,
	isGroup: false,
	unreadCount: 0,
	timestamp,
	archived: false,
	pinned: false,
	muted: false,
	muteExpiration: 0,
	lastMessage: null,
});

describe('chat routes: bounded page calls', () => {
	it('a page that does not answer in time is WHATSAPP_WEB_TIMEOUT, naming what was asked', async () => {
		const call = pageCall(new Promise(() => undefined), 'listing the chats', 20);
		await expect(call).rejects.toBeInstanceOf(WhatsAppWebTimeoutError);
		await expect(call).rejects.toMatchObject({ code: 'WHATSAPP_WEB_TIMEOUT', message: expect.stringContaining('listing the chats') });
	});

	it('other failures pass through as they are', async () => {
		await expect(pageCall(Promise.reject(new Error('Evaluation failed')), 'x', 1_000)).rejects.toThrow('Evaluation failed');
	});
});

describe('the chat-list cursor', () => {
	const chats = [chat('b@c.us', 100), chat('a@c.us', 100), chat('c@c.us', 300), chat('d@c.us', 50)].sort(chatOrder);

	it('orders newest first, the id breaking ties', () => {
		expect(chats.map((c) => c.id)).toEqual(['c@c.us', 'a@c.us', 'b@c.us', 'd@c.us']);
	});

	it('continues after the chat it names, even when a chat moved to the top meanwhile', () => {
		const cursor = encodeCursor(chats[1]);
		const moved = [...chats, chat('e@c.us', 999)].sort(chatOrder);
		expect(moved.filter(afterCursor(cursor)).map((c) => c.id)).toEqual(['b@c.us', 'd@c.us']);
	});

	it.each(['nonsense', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), '%%%'])(
		'refuses %s with CURSOR_INVALID',
		(cursor) => {
			expect(() => afterCursor(cursor)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
		},
	);
});
