import { randomBytes } from 'crypto';
import type { MediaInput, WireMessage } from './types';
import type { StoredMedia } from './FakePhone';

/** A message of a chat's past, for seedHistory: from the contact (default) or from this phone. */
export interface SeedMessage {
	fromMe?: boolean;
	body?: string;
	media?: MediaInput;
	caption?: string;
	/** Unix seconds; default: a minute apart, ending a minute ago. */
	t?: number;
	/** In a group: the member who wrote (a phone number or id). */
	author?: string;
	pushname?: string;
}

export interface SeedOptions {
	/** What WhatsApp Web shows as the chat's name. */
	name?: string;
	/** How many of the newest messages from the contact are unread (default 0). */
	unreadCount?: number;
	archived?: boolean;
	/** Unix seconds the mute ends, -1 muted for good; default not muted. */
	muteExpiration?: number;
	group?: { subject?: string; participants?: string[] };
}

interface PhoneSide {
	readonly number: string;
	received(): WireMessage[];
	sentWires(): WireMessage[];
	command(name: string, args: object): Promise<unknown>;
	storeMedia(input: MediaInput): StoredMedia;
}

/**
 * The phone's side of chats: the history it keeps (seeded by tests, plus what it received
 * and sent), and what it saw this account's WhatsApp Web do: read receipts sent, chats
 * archived and muted, people blocked.
 */
export class PhoneChats {
	private readonly seeded = new Map<string, WireMessage[]>();
	/** Read receipts the session sent, per chat: the ids (serialized) of the messages it marked read. */
	readonly readReceipts: Array<{ chat: string; messageIds: string[]; at: number }> = [];
	readonly archived = new Map<string, boolean>();
	/** Per chat: unix seconds the mute ends, -1 for good, 0 unmuted. */
	readonly mutes = new Map<string, number>();
	/** People this account blocked (ids as the page named them). */
	readonly blocked = new Set<string>();

	constructor(private readonly phone: PhoneSide) {}

	/**
	 * The phone had this chat before (its history, oldest first): the linked page files the chat
	 * with its newest messages, and loads the rest when asked (loadEarlierMsgs). Returns the
	 * messages' serialized ids, oldest first.
	 */
	async seedHistory(chat: string, messages: SeedMessage[], options: SeedOptions = {}): Promise<string[]> {
		const now = Math.floor(Date.now() / 1000);
		const wires = messages.map((m, i) => this.wireOf(chat, m, m.t ?? now - 60 * (messages.length - i), options));
		this.seeded.set(chat, [...(this.seeded.get(chat) ?? []), ...wires].sort((a, b) => a.t - b.t));
		const lastReceived = wires.map((w) => !w.fromMe).lastIndexOf(true);
		const tail = wires.slice(Math.max(0, Math.min(lastReceived < 0 ? wires.length - 1 : lastReceived, wires.length - 1)));
		await this.phone.command('seedChat', {
			chat,
			name: options.name,
			unreadCount: options.unreadCount ?? 0,
			archived: options.archived ?? false,
			muteExpiration: options.muteExpiration ?? 0,
			tail,
			group: options.group,
		});
		return wires.map((w) => serializedId(w));
	}

	/** The chat's messages as the phone has them, oldest first. */
	history(chat: string): WireMessage[] {
		const all = [
			...(this.seeded.get(chat) ?? []),
			...this.phone.received().filter((m) => m.chat === chat),
			...this.phone.sentWires().filter((m) => m.chat === chat),
		];
		return all.map((m, i) => ({ m, i })).sort((a, b) => a.m.t - b.m.t || a.i - b.i).map((x) => x.m);
	}

	/** @internal up to `count` messages older than the oldest the page has loaded. */
	earlier(chat: string, loaded: string[], count: number): WireMessage[] {
		const history = this.history(chat);
		const known = loaded.map((id) => history.findIndex((m) => m.id === id)).filter((i) => i >= 0);
		const start = known.length ? Math.min(...known) : history.length;
		return history.slice(Math.max(0, start - count), start);
	}

	/** @internal the page marked the chat read: receipts for its `count` newest messages from others. */
	noteSeen(chat: string, count: number): string[] {
		const incoming = this.history(chat).filter((m) => !m.fromMe);
		const ids = count > 0 ? incoming.slice(-count).map(serializedId) : [];
		this.readReceipts.push({ chat, messageIds: ids, at: Date.now() });
		return ids;
	}

	private wireOf(chat: string, message: SeedMessage, t: number, options: SeedOptions): WireMessage {
		const media = message.media ? this.phone.storeMedia(message.media) : undefined;
		const isGroup = chat.endsWith('@g.us');
		const author = isGroup && !message.fromMe ? toUser(message.author ?? '') : undefined;
		return {
			id: `${message.fromMe ? '3EB0' : '3A'}${randomBytes(9).toString('hex').toUpperCase()}`,
			fromMe: message.fromMe ?? false,
			chat,
			author,
			pushname: message.fromMe ? undefined : message.pushname,
			type: media ? mediaTypeOf(media.mimetype) : 'chat',
			body: media ? undefined : (message.body ?? ''),
			caption: media ? message.caption : undefined,
			t,
			ack: message.fromMe ? 3 : undefined,
			media: media && { directPath: media.directPath, mimetype: media.mimetype, filename: media.filename, size: media.size, filehash: media.filehash },
			group: isGroup ? options.group : undefined,
		};
	}
}

/** The id whatsapp-web.js gives the message on this account's page. */
function serializedId(m: WireMessage): string {
	return `${m.fromMe}_${m.chat}_${m.id}${m.author && !m.fromMe ? `_${m.author}` : ''}`;
}

function toUser(who: string): string {
	return who.includes('@') ? who : `${who.replace(/\D/g, '')}@c.us`;
}

function mediaTypeOf(mimetype: string): string {
	if (mimetype.startsWith('image/')) return 'image';
	if (mimetype.startsWith('video/')) return 'video';
	if (mimetype.startsWith('audio/')) return 'audio';
	return 'document';
}
