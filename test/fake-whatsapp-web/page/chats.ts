// Chats, presence and contact profiles, as whatsapp-web.js 1.34.7 drives them: read
// receipts (WAWebUpdateUnreadChatAction.sendSeen), earlier messages
// (WAWebChatLoadMessages.loadEarlierMsgs: WhatsApp Web loads a chat's history from the
// phone's store in chunks), archive (WAWebCmd.Cmd.archiveChat), mute (chat.mute, a model
// with mute/unmute), profile pictures (WAWebContactProfilePicThumbBridge), about texts
// (WAWebContactStatusBridge.getStatus), business profiles (Collections.BusinessProfile)
// and the block list (WAWebBlockContactAction, Collections.Blocklist). Each change is
// told to the phone (rpc 'chats'), which keeps what it saw for the tests.

/** How many earlier messages one loadEarlierMsgs brings (WhatsApp Web loads in chunks too). */
const EARLIER_CHUNK = 20;

interface FakeProfile {
	about?: string;
	picture?: string;
	pushname?: string;
	business?: { description?: string; category?: string; email?: string; website?: string[]; address?: string };
}

/** A chat's mute state (WhatsApp Web's MuteModel): expiration 0 not muted, -1 for good, else unix seconds. */
class ChatMute extends Model {
	declare expiration: number;
	readonly #chat: ChatModel;

	constructor(chat: ChatModel) {
		super({ expiration: 0 });
		this.#chat = chat;
	}

	async mute(args: { expiration: number; sendDevice?: boolean }): Promise<void> {
		await rpc('chats', { op: 'mute', chat: this.#chat.id._serialized, expiration: args.expiration });
		this.set('expiration', args.expiration);
		this.#chat.set('muteExpiration', args.expiration);
	}

	async unmute(_args: { sendDevice?: boolean } = {}): Promise<void> {
		await rpc('chats', { op: 'mute', chat: this.#chat.id._serialized, expiration: 0 });
		this.set('expiration', 0);
		this.#chat.set('muteExpiration', 0);
	}
}

Object.assign(Cmd, {
	async archiveChat(chat: ChatModel, archive: boolean): Promise<void> {
		await rpc('chats', { op: 'archive', chat: chat.id._serialized, archived: archive });
		chat.set('archive', archive);
	},
});

/** Read receipts for the chat's unread messages go to their senders; the chat is read. */
async function sendSeen({ chat }: { chat: ChatModel }): Promise<void> {
	const count = (chat.get('unreadCount') as number) ?? 0;
	await rpc('chats', { op: 'seen', chat: chat.id._serialized, count });
	chat.set('unreadCount', 0);
}

/** Messages older than those loaded, from the phone's store; [] once the chat's beginning is reached. */
async function loadEarlierMsgs({ chat }: { chat: ChatModel }): Promise<MsgModel[]> {
	const loaded = chat.msgs.getModelsArray().map((m) => m.id.id);
	const { messages } = await rpc<{ messages: WireMessage[] }>('chats', {
		op: 'earlier',
		chat: chat.id._serialized,
		loaded,
		count: EARLIER_CHUNK,
	});
	return messages.map((wire) => {
		const msg = Msg.add(messageFromWire(wire, false), { silent: true });
		return chat.msgs.add(msg, { silent: true });
	});
}

function profileOf(wid: WidLike): Promise<FakeProfile> {
	return rpc<FakeProfile>('chats', { op: 'profile', wid: createWid(wid)._serialized });
}

function serverStatusError(status: number): Error {
	return Object.assign(new Error(`server answered ${status}`), { name: 'ServerStatusCodeError', statusCode: status });
}

/** WhatsApp Web's Contact.find: the model, with what the server says of the person (business or not). */
async function findContact(input: WidLike): Promise<ContactModel> {
	const wid = createWid(input);
	const contact = findOrCreateContact(wid);
	if (wid.isUser()) {
		const profile = await profileOf(wid);
		contact.set({ isBusiness: Boolean(profile.business) }, undefined, { silent: true });
		if (profile.pushname && !contact.get('pushname')) contact.set('pushname', profile.pushname, { silent: true });
	}
	return contact;
}

const Blocklist = new Collection(Model);

const BusinessProfiles = Object.assign(new Collection(Model), {
	async find(input: WidLike): Promise<Model> {
		const wid = createWid(input);
		const business = (await profileOf(wid)).business;
		if (!business) return new Model({ id: wid });
		return new Model({
			id: wid,
			description: business.description ?? '',
			categories: business.category ? [{ id: '1', localized_display_name: business.category }] : [],
			email: business.email ?? null,
			website: business.website ?? [],
			address: business.address ?? null,
			profileOptions: { commerceExperience: 'none', cartEnabled: false },
		});
	},
});

async function setBlocked(contact: ContactModel, blocked: boolean): Promise<void> {
	await rpc('chats', { op: 'block', wid: contact.id._serialized, blocked });
	if (blocked) Blocklist.add(new Model({ id: contact.id }));
	else Blocklist.remove(contact.id);
	contact.set('isContactBlocked', blocked);
}

/**
 * A chat the phone already had (a test's seeded history): filed quietly, as WhatsApp Web
 * loads it from its database, with its newest messages; older ones come by loadEarlierMsgs.
 */
function seedChat(args: { chat: string; name?: string; unreadCount: number; archived: boolean; muteExpiration: number; tail: WireMessage[]; group?: WireMessage['group'] }): { id: string } {
	const chat = findOrCreateChat(createWid(args.chat), args.group);
	for (const wire of args.tail) chat.msgs.add(Msg.add(messageFromWire(wire, false), { silent: true }), { silent: true });
	const newest = args.tail[args.tail.length - 1];
	const received = [...args.tail].reverse().find((w) => !w.fromMe);
	const receivedMsg = received && Msg.get(chat.msgs.getModelsArray().find((m) => m.id.id === received.id)?.id);
	chat.set(
		{
			t: newest?.t ?? chat.get('t'),
			unreadCount: args.unreadCount,
			archive: args.archived,
			muteExpiration: args.muteExpiration,
			...(args.name ? { formattedTitle: args.name } : {}),
			...(receivedMsg ? { lastReceivedKey: receivedMsg.id } : {}),
		},
		undefined,
		{ silent: true },
	);
	(chat.get('mute') as ChatMute).set('expiration', args.muteExpiration, { silent: true });
	return { id: chat.id._serialized };
}

commandHandlers.set('seedChat', (args: Parameters<typeof seedChat>[0]) => seedChat(args));

const CHAT_MODULES: Record<string, unknown> = {
	WAWebUpdateUnreadChatAction: { sendSeen },
	WAWebChatLoadMessages: { loadEarlierMsgs },
	WAWebContactProfilePicThumbBridge: {
		async requestProfilePicFromServer(chat: ChatModel) {
			const profile = await profileOf(chat.id);
			if (!profile.picture) throw serverStatusError(404);
			return { eurl: profile.picture, id: chat.id, tag: '1', stale: false };
		},
	},
	WAWebContactStatusBridge: {
		async getStatus({ wid }: { token: string; wid: Wid }) {
			const profile = await profileOf(wid);
			return { id: wid, status: profile.about };
		},
	},
	WAWebBlockContactUtils: { getContactToBlockOnlyUseIfNoAssociatedChat: (contact: ContactModel) => contact },
	WAWebBlockContactAction: {
		blockContact: ({ contact }: { contact: ContactModel }) => setBlocked(contact, true),
		unblockContact: (contact: ContactModel) => setBlocked(contact, false),
	},
};
