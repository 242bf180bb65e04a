import type { Message } from 'whatsapp-web.js';
import { safeFilename } from '../../util/safeFilename';
import { safeMediaType } from '../../util/safeMediaType';
import { withTimeout } from '../../util/withTimeout';
import type { IncomingMessage } from './Engine';

/** The fields of whatsapp-web.js's raw message data we read (not all are in its typings). */
interface RawData {
	notifyName?: string;
	mimetype?: string;
	filename?: string;
	size?: number;
	quotedStanzaID?: string;
	quotedMsg?: { body?: string; caption?: string };
}

/**
 * whatsapp-web.js's Message → our IncomingMessage: the one place that knows the
 * library's message shape. Groups: the chat is `…@g.us` and `author` is the
 * member; the group's name is the chat's, read from the raw data when present.
 */
export async function incomingMessage(message: Message, known?: { groupName?: string | null }): Promise<IncomingMessage> {
	const raw = ((message as unknown as { _data?: RawData })._data ?? {}) as RawData;
	const chatId = message.fromMe ? message.to : message.from;
	const isGroup = chatId.endsWith('@g.us');
	const sender = message.fromMe ? message.from : (message.author ?? message.from);
	return {
		id: message.id._serialized,
		chatId,
		sender,
		fromMe: message.fromMe,
		pushName: raw.notifyName || undefined,
		type: message.type,
		text: message.body || undefined,
		timestamp: message.timestamp,
		isGroup,
		// A chat's history passes the group's name it already has: one page call per message would be slow.
		group: isGroup ? { id: chatId, name: known ? (known.groupName ?? undefined) : await groupName(message) } : undefined,
		quoted: message.hasQuotedMsg ? { id: raw.quotedStanzaID, text: raw.quotedMsg?.body ?? raw.quotedMsg?.caption } : undefined,
		// Type and name are what the sender's phone said: cleaned here, before anything uses them.
		media: message.hasMedia
			? { mimetype: raw.mimetype === undefined ? undefined : safeMediaType(raw.mimetype), filename: safeFilename(raw.filename), size: raw.size }
			: undefined,
		downloadMedia: message.hasMedia
			? async () => {
					const media = await message.downloadMedia();
					if (!media) throw new Error('WhatsApp Web returned no media for this message');
					return { mimetype: safeMediaType(media.mimetype), data: Buffer.from(media.data, 'base64'), filename: safeFilename(media.filename) };
				}
			: undefined,
	};
}

/** The group's subject; a page that does not answer in time costs the name, not the message. */
async function groupName(message: Message): Promise<string | undefined> {
	try {
		const chat = await withTimeout(message.getChat(), 5_000, 'reading the group');
		return chat.name || undefined;
	} catch {
		return undefined;
	}
}
