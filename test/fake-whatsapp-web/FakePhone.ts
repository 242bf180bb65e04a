import { randomBytes } from 'crypto';
import { EventEmitter } from 'events';
import type { ContactDirectory } from './contacts';
import type { PageRecord, PageRegistry } from './pages';
import { PhoneChats } from './PhoneChats';
import { PhoneChanges } from './phoneChanges';
import type { MediaInput, OutboxEntry, PageStatus, ReceiveOptions, SendDecision, WireMessage } from './types';

export interface StoredMedia {
	directPath: string;
	mimetype: string;
	filename?: string;
	size: number;
	sha256: string;
	/** base64 SHA-256, the form WhatsApp Web calls filehash. */
	filehash: string;
	bytes: Buffer;
}

/** What a phone needs from the fake that owns it. */
export interface PhoneHost {
	readonly pages: PageRegistry;
	command(phone: string, name: string, args: object, needs: 'online' | 'listening'): Promise<unknown>;
	storeMedia(input: MediaInput): StoredMedia;
	media(directPath: string): StoredMedia | undefined;
	isRegistered(to: string): boolean;
	readonly contacts: ContactDirectory;
	/** Whether WhatsApp refuses messages to this chat from a number it never wrote to (the first-contact limit). */
	isFirstContactRestricted(to: string): boolean;
	/** How long after such a message is on screen the refusal (ack -1) comes. */
	readonly firstContactNackMs: number;
	backgroundError(error: Error): void;
}

/** A send as the page reported it, before the fake decided its fate. */
export interface SendRequest {
	id: string;
	to: string;
	type: string;
	body?: string;
	caption?: string;
	media?: { directPath: string; mimetype?: string; filename?: string };
	quotedId?: string;
	t: number;
	// Content beyond text and media (page/content.ts contentFieldsOf).
	mentions?: string[];
	location?: OutboxEntry['location'];
	vcards?: string[];
	poll?: OutboxEntry['poll'];
	isForwarded?: boolean;
	forwardingScore?: number;
}

/** A reaction as the page sent it (WAWebSendReactionMsgAction): an emoji on a message; empty removes it. */
export interface ReactionRequest {
	/** The serialized id of the message reacted to. */
	targetId: string;
	chat: string;
	emoji: string;
	t: number;
}

/**
 * The phone a WhatsApp Web session is linked to, and the network around it: what
 * it receives, what the library sent through it, the acks its contacts send back,
 * and the failures a test injects. Events: `sent` (OutboxEntry), `ack` (OutboxEntry).
 */
export class FakePhone extends EventEmitter {
	readonly wid: string;
	private readonly sent = new Map<string, { entry: OutboxEntry; wire: WireMessage }>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private autoAckPlan: { levels: number[]; delayMs: number } = { levels: [], delayMs: 0 };
	/** Injected faults, consumed by the fake when the page sends or uploads. */
	readonly faults = { rejectSends: [] as string[], hangSends: false, failUploads: 0 };
	/** Sends that hung (never left the page), for assertions. */
	readonly hungSends: SendRequest[] = [];
	readonly received: WireMessage[] = [];
	readonly chatStates: Array<{ chat: string; state: string; at: number }> = [];
	readonly unpairings: Array<{ reason: string; at: number }> = [];
	/** Pairing codes asked for this number (WhatsApp notifies the phone when `showNotification`). */
	readonly linkCodeRequests: Array<{ showNotification: boolean; at: number }> = [];
	/** Edits and deletions this account's WhatsApp Web made to its messages (phoneChanges.ts). */
	readonly changes = new PhoneChanges();
	/** Reactions the library sent through this phone, in order (event `reaction`). */
	readonly reactions: ReactionRequest[] = [];
	/** What the phone lists under Linked devices: the browser info each page reported when it linked. */
	readonly linkedDevices: Array<{ os?: string; name?: string; via: 'qr' | 'code'; at: number }> = [];
	/** Chats as the phone has them: seeded history, read receipts, archive, mute, blocks (PhoneChats.ts). */
	readonly chats: PhoneChats;

	constructor(
		readonly number: string,
		public pushname: string,
		private readonly host: PhoneHost,
	) {
		super();
		this.wid = `${number}@c.us`;
		this.chats = new PhoneChats({
			number,
			received: () => this.received,
			sentWires: () => [...this.sent.values()].map((r) => r.wire),
			command: (name, args) => this.host.command(this.number, name, args, 'listening'),
			storeMedia: (input) => this.host.storeMedia(input),
		});
	}

	/** A message from a contact (or a group member) arrives; resolves with its serialized id. */
	async receive(options: ReceiveOptions): Promise<{ id: string }> {
		// The address WhatsApp uses for this person now (a LID-addressed person writes from their LID).
		const sender = this.host.contacts.addressOf(toUserWid(options.from));
		const from = sender.wid;
		const chat = options.group ? toGroupWid(options.group.id) : from;
		const media = options.media ? this.host.storeMedia(options.media) : undefined;
		const wire: WireMessage = {
			id: `3A${randomBytes(9).toString('hex').toUpperCase()}`,
			fromMe: false,
			chat,
			author: options.group ? from : undefined,
			pushname: options.pushname ?? `Contact ${from.split('@')[0]}`,
			type: media ? mediaType(media.mimetype) : 'chat',
			body: media ? undefined : (options.body ?? ''),
			caption: media ? (options.caption ?? options.body) : undefined,
			t: Math.floor(Date.now() / 1000),
			media: media && {
				directPath: media.directPath,
				mimetype: media.mimetype,
				filename: media.filename,
				size: media.size,
				filehash: media.filehash,
			},
			quoted: options.quotedId ? this.quoted(options.quotedId) : undefined,
			group: options.group && { subject: options.group.subject, participants: options.group.participants },
			senderMapping: sender.mapping,
		};
		const result = (await this.host.command(this.number, 'receive', wire, 'listening')) as { id: string };
		this.received.push(wire);
		return result;
	}

	// ---- what people do to messages, and calls (page/events.ts)

	/** Calls to this phone's account, and the ones its WhatsApp Web declined (Call.reject()). */
	readonly calls: Array<{ id: string; from: string; isVideo: boolean; isGroup: boolean; at: number }> = [];
	readonly rejectedCalls: Array<{ callId: string; from: string; at: number }> = [];

	/** `from` reacts to a message (an empty emoji takes the reaction back); without `from`, this account does, on the phone. */
	async react(options: { messageId: string; emoji: string; from?: string }): Promise<{ id: string }> {
		const args = { messageId: options.messageId, emoji: options.emoji, by: this.personId(options.from), id: newMessageId() };
		return (await this.host.command(this.number, 'react', args, 'listening')) as { id: string };
	}

	/** A contact (or a group member) sends a poll; resolves with its serialized id. */
	async receivePoll(options: Omit<ReceiveOptions, 'media' | 'caption' | 'quotedId' | 'body'> & { poll: { name: string; options: string[]; multiple?: boolean } }): Promise<{ id: string }> {
		const from = this.host.contacts.addressOf(toUserWid(options.from)).wid;
		const chat = options.group ? toGroupWid(options.group.id) : from;
		const wire: WireMessage = {
			id: newMessageId(),
			fromMe: false,
			chat,
			author: options.group ? from : undefined,
			pushname: options.pushname ?? `Contact ${from.split('@')[0]}`,
			type: 'poll_creation',
			body: '',
			t: Math.floor(Date.now() / 1000),
			group: options.group && { subject: options.group.subject, participants: options.group.participants },
		};
		const poll = { name: options.poll.name, options: options.poll.options, multiple: options.poll.multiple === true };
		const result = (await this.host.command(this.number, 'receivePoll', { wire, poll }, 'listening')) as { id: string };
		this.received.push(wire);
		return result;
	}

	/** `from` votes in a poll: their whole selection, by option name (`[]` takes the vote back); without `from`, this account. */
	async vote(options: { pollId: string; options: string[]; from?: string }): Promise<{ id: string }> {
		const args = { pollId: options.pollId, options: options.options, by: this.personId(options.from), id: newMessageId() };
		return (await this.host.command(this.number, 'vote', args, 'listening')) as { id: string };
	}

	/** The sender of a message (a contact, or this account for its own) edits it. */
	async editMessage(messageId: string, text: string): Promise<void> {
		await this.host.command(this.number, 'edit', { messageId, text, editId: newMessageId() }, 'listening');
	}

	/** A message is deleted for everyone (by its sender; `byAdmin`: by a group admin). */
	async revoke(messageId: string, options: { byAdmin?: boolean } = {}): Promise<void> {
		await this.host.command(this.number, 'revoke', { messageId, byAdmin: options.byAdmin === true }, 'listening');
	}

	/** How long after sending this phone's WhatsApp Web offers edits / deletion for everyone (until the page reloads). */
	async setChangeWindows(windows: { editMs?: number; revokeMs?: number }): Promise<void> {
		await this.host.command(this.number, 'changeWindows', windows, 'listening');
	}

	/** This account deletes a message for itself only, on the phone. */
	async deleteForMe(messageId: string): Promise<void> {
		await this.host.command(this.number, 'deleteForMe', { messageId }, 'listening');
	}

	/** `from` calls this account; resolves with the call's id. */
	async call(options: { from: string; isVideo?: boolean; isGroup?: boolean }): Promise<{ id: string }> {
		const from = this.host.contacts.addressOf(toUserWid(options.from)).wid;
		const call = { id: randomBytes(16).toString('hex').toUpperCase(), from, isVideo: options.isVideo === true, isGroup: options.isGroup === true };
		await this.host.command(this.number, 'call', call, 'listening');
		this.calls.push({ ...call, at: Date.now() });
		return { id: call.id };
	}

	/** Resolves once this phone's WhatsApp Web has declined the call. */
	waitForRejectedCall(callId: string, timeoutMs = 15_000): Promise<void> {
		return this.waitFor('callRejected', () => this.rejectedCalls.some((c) => c.callId === callId), timeoutMs, `rejection of call ${callId}`);
	}

	/** @internal the page declined a call (a `reject` stanza). */
	noteRejectedCall(callId: string, from: string): void {
		this.rejectedCalls.push({ callId, from, at: Date.now() });
		this.emit('callRejected', { callId, from });
	}

	/** The id a person acts under now (a LID-addressed contact acts from their LID); undefined: this account. */
	private personId(from: string | undefined): string | undefined {
		return from === undefined ? undefined : this.host.contacts.addressOf(toUserWid(from)).wid;
	}

	/** A contact's device acknowledges a sent message: 2 delivered, 3 read, 4 played (-1 error). */
	async ack(messageId: string, level: number): Promise<void> {
		const record = this.findSent(messageId);
		if (!record) throw new Error(`fake phone ${this.number}: no sent message ${messageId}`);
		// The page may need to restore the message first (it was sent before a restart):
		// it restores the state before this ack, so applying the ack is still a change.
		const before = { ...record.wire };
		record.entry.ack = level;
		record.wire.ack = level;
		this.emit('ack', { ...record.entry });
		await this.host.command(this.number, 'ack', { id: record.entry.id, ack: level, message: before }, 'listening');
	}

	/** After each accepted send, apply these ack levels one after another, `delayMs` apart. `[]` stops it. */
	autoAck(levels: number[], delayMs = 0): void {
		this.autoAckPlan = { levels: [...levels], delayMs };
	}

	outbox(): OutboxEntry[] {
		return [...this.sent.values()].map((r) => ({ ...r.entry }));
	}

	/** The bytes of a sent media message. */
	sentMedia(messageId: string): Buffer | undefined {
		const record = this.findSent(messageId);
		return record?.wire.media ? this.host.media(record.wire.media.directPath)?.bytes : undefined;
	}

	/** Resolves once the outbox holds at least `count` messages. */
	waitForOutbox(count: number, timeoutMs = 15_000): Promise<OutboxEntry[]> {
		return this.waitFor('sent', () => this.sent.size >= count, timeoutMs, `${count} sent messages`).then(
			() => this.outbox(),
		);
	}

	/** The socket state the phone's WhatsApp Web page should take (CONFLICT, UNPAIRED, TOS_BLOCK, …). */
	async setState(state: string): Promise<void> {
		await this.host.command(this.number, 'setState', { state }, 'online');
	}

	/** The user unlinks this browser on the phone: Cmd 'logout', then a reload to /?post_logout=1. */
	async phoneLogout(): Promise<void> {
		await this.host.command(this.number, 'phoneLogout', {}, 'online');
	}

	failNextSend(message = 'injected send failure'): void {
		this.faults.rejectSends.push(message);
	}

	failNextUpload(count = 1): void {
		this.faults.failUploads += count;
	}

	/** While on, sends never leave the page: sendMessage() never resolves. */
	hangSends(on = true): void {
		this.faults.hangSends = on;
	}

	/** Blocks the page's event loop (a hung renderer) for `ms`, or for good. */
	async hang(ms?: number): Promise<void> {
		await this.host.command(this.number, 'hang', { ms }, 'online');
	}

	/** The live page linked to this phone, if any. */
	page(): PageRecord | undefined {
		return this.host.pages.find((p) => p.status.phone === this.number);
	}

	status(): PageStatus | undefined {
		return this.page()?.status;
	}

	/** Waits until this phone has a live page that is ready for traffic. */
	async waitUntilListening(timeoutMs = 15_000): Promise<void> {
		await this.host.pages.waitFor(
			(p) => p.status.phone === this.number && p.status.listening,
			timeoutMs,
			`linked to ${this.number} and listening`,
		);
	}

	/** @internal the page asked to send; decide what the network does with it. */
	decideSend(request: SendRequest): SendDecision {
		const rejection = this.faults.rejectSends.shift();
		if (rejection !== undefined) return { outcome: 'reject', error: rejection };
		if (this.faults.hangSends) {
			this.hungSends.push(request);
			this.emit('hung', request);
			return { outcome: 'hang' };
		}
		const refused = this.isRefusedFirstContact(request.to);
		const ack = this.host.isRegistered(request.to) && !refused ? 1 : -1;
		const media = request.media ? this.host.media(request.media.directPath) : undefined;
		const entry: OutboxEntry = {
			id: request.id,
			to: request.to,
			type: request.type,
			body: request.body,
			caption: request.caption,
			media: media && {
				mimetype: request.media?.mimetype ?? media.mimetype,
				filename: request.media?.filename ?? media.filename,
				size: media.size,
				sha256: media.sha256,
			},
			quotedId: request.quotedId,
			mentions: request.mentions,
			location: request.location,
			vcards: request.vcards,
			poll: request.poll,
			...(request.isForwarded ? { isForwarded: true, forwardingScore: request.forwardingScore } : {}),
			timestamp: Date.now(),
			ack,
		};
		const wire: WireMessage = {
			id: request.id.split('_')[2],
			fromMe: true,
			chat: request.to,
			type: request.type,
			body: request.body,
			caption: request.caption,
			t: request.t,
			ack,
			media: media && {
				directPath: media.directPath,
				mimetype: entry.media!.mimetype,
				filename: entry.media!.filename,
				size: media.size,
				filehash: media.filehash,
			},
		};
		this.sent.set(request.id, { entry, wire });
		this.emit('sent', { ...entry });
		if (ack === 1) this.scheduleAutoAcks(request.id);
		// WhatsApp takes a first contact it limits (the library reports it sent), then refuses it.
		return refused ? { outcome: 'accept', ack, ackAfterMs: this.host.firstContactNackMs } : { outcome: 'accept', ack };
	}

	/** @internal the page sent a reaction; the network takes it (or a test's injected failure refuses it). */
	decideReaction(request: ReactionRequest): SendDecision {
		const rejection = this.faults.rejectSends.shift();
		if (rejection !== undefined) return { outcome: 'reject', error: rejection };
		this.reactions.push({ ...request });
		this.emit('reaction', { ...request });
		return { outcome: 'accept' };
	}

	/** Resolves once this phone sent at least `count` reactions. */
	waitForReactions(count: number, timeoutMs = 15_000): Promise<ReactionRequest[]> {
		return this.waitFor('reaction', () => this.reactions.length >= count, timeoutMs, `${count} reactions`).then(() => [
			...this.reactions,
		]);
	}

	/** Whether this chat has ever written to this phone (a message from it reached the phone). */
	hasWrittenFrom(chat: string): boolean {
		return this.received.some((m) => m.chat === chat && !m.fromMe);
	}

	/**
	 * What WhatsApp Web loads at start: the messages this phone received, and the chats it only wrote
	 * to. Sent messages themselves are not loaded: an ack restores one when it comes (see ack()).
	 */
	history(): { received: WireMessage[]; sentTo: string[] } {
		return { received: [...this.received], sentTo: [...new Set([...this.sent.values()].map((r) => r.wire.chat))] };
	}

	private isRefusedFirstContact(to: string): boolean {
		return !to.endsWith('@g.us') && this.host.isFirstContactRestricted(to) && !this.hasWrittenFrom(to);
	}

	/** @internal the page sent a chat state (typing, recording, stop). */
	noteChatState(chat: string, state: string): void {
		this.chatStates.push({ chat, state, at: Date.now() });
		this.emit('chatstate', { chat, state });
	}

	/** @internal a page asked WhatsApp for a pairing code for this number. */
	noteLinkCodeRequest(showNotification: boolean): void {
		this.linkCodeRequests.push({ showNotification, at: Date.now() });
		this.emit('linkCodeRequest', { showNotification });
	}

	/** @internal a page linked to this phone, telling it its browser info (WAWebMiscBrowserUtils.info()). */
	noteLinkedDevice(device: unknown, via: 'qr' | 'code'): void {
		const info = (device ?? {}) as { os?: unknown; name?: unknown };
		const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
		this.linkedDevices.push({ os: text(info.os), name: text(info.name), via, at: Date.now() });
	}

	/** @internal the page reported that this phone's pairing ended. */
	markUnpaired(reason: string): void {
		this.unpairings.push({ reason, at: Date.now() });
		this.emit('unpaired', reason);
	}

	/** @internal */
	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	private scheduleAutoAcks(messageId: string): void {
		const { levels, delayMs } = this.autoAckPlan;
		levels.forEach((level, index) => {
			const timer = setTimeout(
				() => {
					this.timers.delete(timer);
					this.ack(messageId, level).catch((error) => this.host.backgroundError(error));
				},
				delayMs * (index + 1),
			);
			this.timers.add(timer);
		});
	}

	private findSent(messageId: string) {
		return this.sent.get(messageId) ?? [...this.sent.values()].find((r) => r.wire.id === messageId);
	}

	private quoted(id: string): WireMessage['quoted'] {
		const sent = this.findSent(id)?.wire;
		const original = sent ?? this.received.find((m) => m.id === id || id.includes(`_${m.id}`));
		if (!original) throw new Error(`fake phone ${this.number}: cannot quote unknown message ${id}`);
		return {
			id: original.id,
			body: original.body ?? original.caption,
			type: original.type,
			participant: original.fromMe ? this.wid : (original.author ?? original.chat),
		};
	}

	/** Resolves once `done()` holds, checking it now and after each `event` this phone emits. */
	waitFor(event: string, done: () => boolean, timeoutMs: number, what: string): Promise<void> {
		if (done()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const check = () => {
				if (!done()) return;
				cleanup();
				resolve();
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`fake phone ${this.number}: no ${what} within ${timeoutMs} ms`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.off(event, check);
			};
			this.on(event, check);
		});
	}
}

function newMessageId(): string {
	return `3A${randomBytes(9).toString('hex').toUpperCase()}`;
}

export function toUserWid(input: string): string {
	if (input.includes('@')) return input;
	return `${input.replace(/\D/g, '')}@c.us`;
}

function toGroupWid(input: string): string {
	return input.includes('@') ? input : `${input}@g.us`;
}

export function mediaType(mimetype: string): string {
	if (mimetype.startsWith('image/')) return 'image';
	if (mimetype.startsWith('video/')) return 'video';
	if (mimetype.startsWith('audio/')) return 'audio';
	return 'document';
}
