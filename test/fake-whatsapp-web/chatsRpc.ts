import type { FakeBackend } from './server';

/** The page's `chats` calls (page/chats.ts): profiles from the network, the rest to the linked phone. */
export function handleChatsRpc(backend: FakeBackend, pageId: string, body: Record<string, unknown>): unknown {
	if (body.op === 'profile') return backend.profiles.lookup(String(body.wid));
	const phone = backend.phoneOfPage(pageId);
	if (!phone) throw new Error('this page is not linked to a phone');
	const chat = String(body.chat ?? '');
	switch (body.op) {
		case 'earlier':
			return { messages: phone.chats.earlier(chat, (body.loaded as string[]) ?? [], Number(body.count) || 20) };
		case 'seen':
			return { messageIds: phone.chats.noteSeen(chat, Number(body.count) || 0) };
		case 'archive':
			phone.chats.archived.set(chat, body.archived === true);
			return {};
		case 'mute':
			phone.chats.mutes.set(chat, Number(body.expiration));
			return {};
		case 'block':
			if (body.blocked === true) phone.chats.blocked.add(String(body.wid));
			else phone.chats.blocked.delete(String(body.wid));
			return {};
		default:
			throw new Error(`unknown chats rpc ${String(body.op)}`);
	}
}
