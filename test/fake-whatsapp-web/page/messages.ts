// Chats, contacts and messages (WAWebCollections), and the two directions of
// traffic: messages the phone "receives" (added to Msg, which the library turns
// into `message`) and messages the library sends (addAndSendMsgToChat), whose fate
// the fake server decides: accepted, rejected, hung, or failed for an unknown number.

class MsgModel extends Model {
	declare id: MsgKey;
	declare ack: number;
	declare type: string;
	declare body?: string;
	declare caption?: string;
	declare isNewMsg: boolean;
	declare mediaData?: Model & { mediaStage: string };
	declare directPath?: string;

	async downloadMedia(): Promise<void> {
		// Resolving is instant here; bytes are fetched by WAWebDownloadManager.
		this.mediaData?.set('mediaStage', this.directPath ? 'RESOLVED' : 'ERROR_MISSING');
	}

	canReply(): boolean {
		return true;
	}

	msgContextInfo(_chat: unknown): Record<string, unknown> {
		return {
			quotedMsg: { type: this.type, body: this.body ?? this.caption ?? '' },
			quotedStanzaID: this.id.id,
			quotedParticipant: this.get('author') ?? this.get('from'),
			quotedRemoteJid: this.id.remote,
		};
	}
}

class ChatModel extends Model {
	declare id: Wid;
	declare msgs: Collection<MsgModel>;
	declare groupMetadata?: Model;
	/** The key of the last message received in this chat (WhatsApp Web's; unset: they never wrote). */
	declare lastReceivedKey?: MsgKey;

	override serialize(): Record<string, unknown> {
		const plain = super.serialize();
		delete plain.msgs; // the library reads messages through Msg, never through a chat's list
		return plain;
	}
}

class ContactModel extends Model {
	declare id: Wid;
}

const Msg = new Collection(MsgModel);
const Chat = new Collection(ChatModel);
const Contact = new Collection(ContactModel);
const GroupMetadata = Object.assign(new Collection(Model), { update: async (_wid: unknown) => undefined });

Msg.onListen((event) => {
	if (event === 'add') reportStatus(); // the library is attached: incoming traffic may flow
});

function findOrCreateChat(wid: Wid, group?: { subject?: string; participants?: string[]; owner?: string }): ChatModel {
	const existing = Chat.get(wid);
	if (existing) return existing;
	const attrs: Record<string, unknown> = {
		id: wid,
		t: Math.floor(Date.now() / 1000),
		unreadCount: 0,
		archive: false,
		pin: 0,
		isReadOnly: false,
		isLocked: false,
		muteExpiration: 0,
		formattedTitle: group?.subject ?? `+${wid.user}`,
		msgs: new Collection(MsgModel),
	};
	if (wid.isGroup()) attrs.groupMetadata = groupMetadataFor(wid, group);
	const chat = new ChatModel(attrs);
	chat.set('mute', new ChatMute(chat), { silent: true }); // chats.ts: mute/unmute tell the phone
	return Chat.add(chat);
}

function groupMetadataFor(wid: Wid, group?: { subject?: string; participants?: string[]; owner?: string }): Model {
	const me = meWid();
	const people = [...new Set([...(group?.participants ?? []), ...(me ? [me._serialized] : [])])];
	const participants = new Collection(Model);
	for (const p of people) participants.add(new Model({ id: createWid(p), isAdmin: false, isSuperAdmin: false }));
	const metadata = new Model({
		id: wid,
		subject: group?.subject ?? 'Group',
		owner: group?.owner ? createWid(group.owner) : undefined,
		creation: Math.floor(Date.now() / 1000),
		desc: '',
		participants,
		announce: false,
		restrict: false,
		isLidAddressingMode: false,
		memberAddMode: 'admin_add',
	});
	GroupMetadata.add(metadata);
	return metadata;
}

function findOrCreateContact(wid: Wid, pushname?: string): ContactModel {
	const contact = Contact.get(wid) ?? Contact.add(new ContactModel({ id: wid, isBusiness: false, isEnterprise: false }));
	if (pushname) contact.set('pushname', pushname);
	const phone = wid.isLid() ? getPhoneNumber(wid) : null;
	if (phone) contact.set('phoneNumber', phone, { silent: true });
	return contact;
}

/** Wire shape of a message the fake server asks the page to show (incoming, or a sent one to restore). */
interface WireMessage {
	id: string; // MsgKey id part
	fromMe: boolean;
	chat: string;
	author?: string;
	pushname?: string;
	type: string;
	body?: string;
	caption?: string;
	t: number;
	ack?: number;
	media?: { directPath: string; mimetype: string; filename?: string; size: number; filehash: string };
	quoted?: { id: string; body?: string; type?: string; participant?: string };
	group?: { subject?: string; participants?: string[]; owner?: string };
	/** The sender's phone and LID when the stanza carries both (see lids.ts). */
	senderMapping?: { phone: string; lid: string };
}

function messageFromWire(wire: WireMessage, isNewMsg: boolean): MsgModel {
	const chatWid = createWid(wire.chat);
	// In a LID-addressed chat "me" is this account's own LID, as whatsapp-web.js's sends assume.
	const me = chatWid.isLid() ? meLidWid() : meWid();
	if (!me) throw new Error('this page is not paired');
	const authorWid = wire.author ? createWid(wire.author) : undefined;
	const key = new MsgKey({
		from: wire.fromMe ? me : chatWid,
		to: wire.fromMe ? chatWid : me,
		id: wire.id,
		participant: chatWid.isGroup() && !wire.fromMe ? authorWid : undefined,
		selfDir: wire.fromMe ? 'out' : 'in',
	});
	const attrs: Record<string, unknown> = {
		id: key,
		type: wire.type,
		body: wire.body ?? '',
		t: wire.t,
		from: wire.fromMe ? me : chatWid,
		to: wire.fromMe ? chatWid : me,
		author: chatWid.isGroup() ? (wire.fromMe ? me : authorWid) : undefined,
		notifyName: wire.pushname,
		self: wire.fromMe ? 'out' : 'in',
		ack: wire.ack ?? (wire.fromMe ? 1 : 0),
		isNewMsg,
		star: false,
		broadcast: false,
		isForwarded: false,
		mentionedJidList: [],
		groupMentions: [],
	};
	if (wire.media) {
		Object.assign(attrs, {
			caption: wire.caption,
			body: '',
			mimetype: wire.media.mimetype,
			filename: wire.media.filename,
			size: wire.media.size,
			filehash: wire.media.filehash,
			encFilehash: wire.media.filehash,
			mediaKey: randomBase64(32),
			mediaKeyTimestamp: wire.t,
			directPath: wire.media.directPath,
			mediaData: new Model({ mediaStage: 'INIT' }),
		});
	}
	if (wire.quoted) {
		Object.assign(attrs, {
			quotedMsg: { type: wire.quoted.type ?? 'chat', body: wire.quoted.body ?? '' },
			quotedStanzaID: wire.quoted.id,
			quotedParticipant: wire.quoted.participant ? createWid(wire.quoted.participant) : chatWid,
		});
	}
	return new MsgModel(attrs);
}

/** An incoming message: the phone got it, WhatsApp Web shows it, the library emits `message`. */
function receiveMessage(wire: WireMessage): { id: string } {
	const sender = wire.author ?? wire.chat;
	if (wire.senderMapping) {
		const { phone, lid } = wire.senderMapping;
		learnLid(phone, lid, wire.group ? undefined : createWid(sender).isLid() ? 'lid' : 'pn');
	}
	const chat = findOrCreateChat(createWid(wire.chat), wire.group);
	findOrCreateContact(createWid(sender), wire.pushname);
	const msg = messageFromWire(wire, true);
	Msg.add(msg);
	chat.msgs.add(msg);
	chat.set({ t: wire.t, unreadCount: ((chat.get('unreadCount') as number) ?? 0) + 1, lastReceivedKey: msg.id });
	return { id: msg.id._serialized };
}

/**
 * The chats this phone already has, loaded at start as WhatsApp Web loads them from
 * its database: quietly (no `add` for the library to report as new), with the
 * last received message of each chat known.
 */
function restoreChats(history: { received: WireMessage[]; sentTo: string[] }): void {
	for (const chat of history.sentTo) findOrCreateChat(createWid(chat));
	for (const wire of history.received) {
		const chat = findOrCreateChat(createWid(wire.chat), wire.group);
		const msg = Msg.add(messageFromWire(wire, false), { silent: true });
		chat.msgs.add(msg, { silent: true });
		chat.set({ t: wire.t, lastReceivedKey: msg.id }, undefined, { silent: true });
	}
}

/**
 * An ack from the network. A message this page never loaded (it was sent before a
 * restart) is restored from the server's copy first, silently, as WhatsApp Web
 * would load it from its database, so the change still reaches the library.
 */
function applyAck(args: { id: string; ack: number; message?: WireMessage }): { id: string; ack: number } {
	let msg = Msg.get(args.id) ?? Msg.get(migratedMsgIds.get(args.id));
	if (!msg && args.message) {
		const chat = findOrCreateChat(createWid(args.message.chat));
		msg = Msg.add(messageFromWire(args.message, false), { silent: true });
		chat.msgs.add(msg, { silent: true });
	}
	if (!msg) throw new Error(`no message ${args.id} on this page`);
	msg.set('ack', args.ack);
	return { id: args.id, ack: msg.ack };
}
