import type { Client, Message } from 'whatsapp-web.js';
import { DeleteWindowExpiredError, EditWindowExpiredError, MessageNotFoundError } from '../../errors';
import type { OutgoingMessage, SentMessage } from './Engine';

/**
 * Edits, deletions and forwards through whatsapp-web.js 1.34.7, on the message found by id
 * (`client.getMessageById`: Msg.get, then the page's database):
 * - `Message.edit(text)` asks WhatsApp Web's canEditText / canEditCaption and answers null when
 *   they say no (its edit window passed, or the message was deleted): that is EDIT_WINDOW_EXPIRED.
 * - `Message.delete(true)` quietly deletes for me only when canSenderRevokeMsg / canAdminRevokeMsg
 *   say no; the same question is asked first, so a late "delete for everyone" fails with
 *   DELETE_WINDOW_EXPIRED instead of doing something else.
 * - `Message.forward(chatId)` returns nothing; the forwarded message's id (for its acks) is the
 *   library's `message_create` for a forwarded message of ours during the call.
 */
export async function changeOrForward(client: Client, chatId: string, message: OutgoingMessage): Promise<SentMessage> {
	if (message.edit) return edit(client, message.edit.messageId, message.edit.text);
	if (message.delete) return remove(client, message.delete.messageId, message.delete.forEveryone);
	return forward(client, chatId, message.forward!.messageId);
}

async function find(client: Client, messageId: string, purpose: 'edit' | 'delete' | 'forward'): Promise<Message> {
	const message = await client.getMessageById(messageId);
	if (!message) throw new MessageNotFoundError(messageId, purpose);
	return message;
}

async function edit(client: Client, messageId: string, text: string): Promise<SentMessage> {
	const message = await find(client, messageId, 'edit');
	// No link preview: the library would fetch one for a link in the new text; the original went without.
	const edited = await message.edit(text, { linkPreview: false });
	if (!edited) throw new EditWindowExpiredError(messageId);
	// An edit is no message of its own: WhatsApp gives it no id or acks here.
	return { id: null, ack: 0 };
}

async function remove(client: Client, messageId: string, forEveryone: boolean): Promise<SentMessage> {
	const message = await find(client, messageId, 'delete');
	if (forEveryone && !(await client.pupPage!.evaluate(canRevoke, messageId))) throw new DeleteWindowExpiredError(messageId);
	await message.delete(forEveryone);
	return { id: null, ack: 0 };
}

/** Runs in the page: what whatsapp-web.js's Message.delete asks before revoking (puppeteer serializes it). */
async function canRevoke(messageId: string): Promise<boolean> {
	const page = globalThis as unknown as { require(name: string): any }; // eslint-disable-line @typescript-eslint/no-explicit-any
	const { Msg } = page.require('WAWebCollections');
	const msg = Msg.get(messageId) ?? (await Msg.getMessagesById([messageId]))?.messages?.[0];
	if (!msg) return false;
	const capability = page.require('WAWebMsgActionCapability');
	return Boolean(capability.canSenderRevokeMsg(msg) || capability.canAdminRevokeMsg(msg));
}

/** How long after the forward call the library's message_create may still come (it crosses the page bridge). */
const FORWARD_EVENT_GRACE_MS = 5_000;

async function forward(client: Client, chatId: string, messageId: string): Promise<SentMessage> {
	const message = await find(client, messageId, 'forward');
	// The queue sends one job at a time per session: the forwarded message of ours created now is this one.
	let onCreate!: (created: Message) => void;
	const created = new Promise<Message>((resolve) => {
		onCreate = (candidate) => {
			if (candidate.fromMe && candidate.isForwarded) resolve(candidate);
		};
	});
	client.on('message_create', onCreate);
	let timer: NodeJS.Timeout | undefined;
	try {
		await message.forward(chatId);
		const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FORWARD_EVENT_GRACE_MS)));
		const sent = await Promise.race([created, late]);
		// Without the event the forward still went out; only its acks cannot be followed.
		return sent ? { id: sent.id._serialized, ack: sent.ack ?? 0 } : { id: null, ack: 0 };
	} finally {
		clearTimeout(timer);
		client.off('message_create', onCreate);
	}
}
