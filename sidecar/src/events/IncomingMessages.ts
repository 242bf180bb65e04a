import type { MessageAddresses, ReceivedMedia } from '../contract';
import type { DomainEvents } from './domainEvents';
import { messageAddresses, type AddressResolver } from './messageAddresses';
import type { Logger } from '../logger';
import type { IncomingMessage } from '../sessions/engine/Engine';
import type { ReceivedMediaStore } from '../storage/ReceivedMediaStore';
import { withTimeout } from '../util/withTimeout';

/** Own messages are held this long, so a send through the API can claim its id first. */
const OWN_MESSAGE_HOLD_MS = 2_000;
const MEDIA_DOWNLOAD_TIMEOUT_MS = 60_000;

export interface IncomingMessagesDeps {
	events: DomainEvents;
	media: ReceivedMediaStore;
	logger: Logger;
	/** Received media up to this size goes inside the event as base64. */
	inlineBytes: number;
	/** Largest media downloaded at all (SIDECAR_MEDIA_MAX_BYTES). */
	maxBytes: number;
	/** True when the message id belongs to a message the send queue sent. */
	sentByQueue(messageId: string): boolean;
	/**
	 * The phone number and LID of a user id (AddressBook: bounded, never throws). Without
	 * it, only what the ids themselves say: a `…@c.us` id's number.
	 */
	addresses?: AddressResolver;
}

/**
 * Turns messages that appear in chats into reports (`chat.message`, which
 * becomes the `message` wire event). Per session they
 * are handled one after another, so media downloads cannot reorder a chat.
 * Media is downloaded once, kept for the retention period (GET
 * /api/sessions/:id/messages/:messageId/media), and inlined when small.
 */
export class IncomingMessages {
	private readonly chains = new Map<string, Promise<void>>();

	constructor(private readonly deps: IncomingMessagesDeps) {}

	accept(session: string, message: IncomingMessage): void {
		if (message.fromMe) {
			// Not chained: holding it must not delay the contacts' messages.
			setTimeout(() => {
				if (!this.deps.sentByQueue(message.id)) void this.handle(session, message, this.addresses(session, message));
				else this.deps.logger.debug({ session, messageId: message.id }, 'own message sent through the API: not reported as a message');
			}, OWN_MESSAGE_HOLD_MS).unref();
			return;
		}
		// Asked at once, not when the message's turn comes: a slow answer costs each message at
		// most its own wait, instead of every later message of the session waiting behind it.
		const addresses = this.addresses(session, message);
		const next = (this.chains.get(session) ?? Promise.resolve()).then(() => this.handle(session, message, addresses));
		this.chains.set(session, next);
		void next.then(() => {
			if (this.chains.get(session) === next) this.chains.delete(session);
		});
	}

	/** Waits for the messages handed over so far (tests, shutdown). */
	async idle(): Promise<void> {
		await Promise.all(this.chains.values());
	}

	private async handle(session: string, message: IncomingMessage, asked: Promise<MessageAddresses>): Promise<void> {
		try {
			const [media, addresses] = await Promise.all([this.media(session, message), asked]);
			const { downloadMedia: _download, ...fields } = message;
			this.deps.events.emit({ type: 'chat.message', session, message: { ...fields, ...addresses, session, media } });
		} catch (error) {
			this.deps.logger.error({ err: error, session, messageId: message.id }, 'could not report an incoming message');
		}
	}

	/** The sender's and the chat's phone number and LID (a group chat has neither). Never rejects. */
	private addresses(session: string, message: IncomingMessage): Promise<MessageAddresses> {
		return messageAddresses(this.deps.addresses, session, message);
	}

	private async media(session: string, message: IncomingMessage): Promise<ReceivedMedia | null> {
		if (!message.media || !message.downloadMedia) return null;
		const declared = message.media;
		const url = `/api/sessions/${session}/messages/${encodeURIComponent(message.id)}/media`;
		if (declared.size !== undefined && declared.size > this.deps.maxBytes) {
			return { ...declared, url: null, base64: null, error: 'MEDIA_TOO_LARGE' };
		}
		try {
			const loaded = await withTimeout(message.downloadMedia(), MEDIA_DOWNLOAD_TIMEOUT_MS, 'downloading the media');
			const stored = await this.deps.media.put(session, message.id, loaded);
			const inline = loaded.data.length <= this.deps.inlineBytes ? loaded.data.toString('base64') : null;
			return { mimetype: stored.mimetype, filename: stored.filename ?? null, size: stored.size, url, base64: inline };
		} catch (error) {
			this.deps.logger.warn({ err: error, session, messageId: message.id }, 'could not download received media');
			return { ...declared, url: null, base64: null, error: 'MEDIA_DOWNLOAD_FAILED' };
		}
	}
}
