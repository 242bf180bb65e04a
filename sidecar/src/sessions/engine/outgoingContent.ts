import { Location, MessageMedia, Poll, type Client, type Message, type MessageContent, type MessageSendOptions } from 'whatsapp-web.js';
import { MessageNotFoundError } from '../../errors';
import type { OutgoingMessage, SentMessage } from './Engine';
import { changeOrForward } from './messageChanges';
import { vcardOf } from './vcard';

/**
 * One outgoing message, through whatsapp-web.js the way it is meant to be called:
 * `client.sendMessage(chatId, content, options)` with a text, a MessageMedia, a Location, a Poll
 * or a vCard string (the library's parseVCards turns it into a contact card), `quotedMessageId`
 * and `mentions` in the options; a reaction through `Message.react` on the message it goes on.
 */
export async function sendOutgoing(client: Client, chatId: string, message: OutgoingMessage): Promise<SentMessage> {
	if (message.reaction) return react(client, message.reaction.messageId, message.reaction.emoji);
	if (message.edit || message.delete || message.forward) return changeOrForward(client, chatId, message);
	// The library sends a reply without its quote when it cannot find the quoted message
	// (ignoreQuoteErrors); asked first, a missing message fails the job instead of sending something else.
	if (message.replyTo && !(await client.getMessageById(message.replyTo))) throw new MessageNotFoundError(message.replyTo, 'quote');
	const options: MessageSendOptions = {
		...(message.replyTo ? { quotedMessageId: message.replyTo, ignoreQuoteErrors: false } : {}),
		...(message.mentions?.length ? { mentions: message.mentions } : {}),
	};
	const [content, more] = contentOf(message);
	const sent = await client.sendMessage(chatId, content, { ...options, ...more });
	return { id: sent.id._serialized, ack: sent.ack ?? 0 };
}

/** What the library takes as the message's content, and the send options that go with this kind. */
function contentOf(message: OutgoingMessage): [MessageContent, MessageSendOptions] {
	if (message.media) {
		const { mimetype, data, filename } = message.media;
		const media = new MessageMedia(mimetype, data.toString('base64'), filename ?? null);
		return [media, message.caption ? { caption: message.caption } : {}];
	}
	if (message.location) {
		const { latitude, longitude, name, address } = message.location;
		return [new Location(latitude, longitude, { ...(name ? { name } : {}), ...(address ? { address } : {}) }), {}];
	}
	if (message.poll) {
		const { question, options, multiple } = message.poll;
		return [new Poll(question, options, { allowMultipleAnswers: multiple, messageSecret: undefined }), {}];
	}
	if (message.contacts?.length === 1) {
		// A vCard string: the library parses it (parseVCards, on by default) and sends a contact card.
		return [vcardOf(message.contacts[0]), { parseVCards: true, linkPreview: false }];
	}
	if (message.contacts) return ['', { linkPreview: false, extra: multiVcard(message.contacts) }];
	return [message.text ?? '', {}];
}

/**
 * Several cards in one message (WhatsApp's multi_vcard). The library builds those only from
 * contacts already in the address book (Contact objects → contactCardList), whose names are
 * the book's; cards from a name and a number go as WhatsApp Web's own fields, through the
 * library's documented `extra` send option, which it spreads into the new message.
 */
function multiVcard(contacts: NonNullable<OutgoingMessage['contacts']>): Record<string, unknown> {
	return {
		type: 'multi_vcard',
		body: null,
		vcardList: contacts.map((card) => ({ displayName: card.name, vcard: vcardOf(card) })),
	};
}

/** Message.react on the message itself: the library resolves it by id (Msg.get, then the database). */
async function react(client: Client, messageId: string, emoji: string): Promise<SentMessage> {
	const target: Message | null = await client.getMessageById(messageId);
	if (!target) throw new MessageNotFoundError(messageId, 'react to');
	await target.react(emoji);
	return { id: null, ack: 0 };
}
