// What people do to messages, and calls: the page changes WhatsApp Web makes when a
// reaction, an edit, a deletion, a poll vote or a call comes in, so that whatsapp-web.js
// (its attachEventListeners) emits message_reaction, message_edit,
// message_revoke_everyone / message_revoke_me, vote_update and call:
// - reactions and votes are rows WhatsApp Web upserts into its addon tables
//   (reactionTableMode / pollVoteTableMode.bulkUpsert, which the library hooks);
// - an edit changes the message's body (Msg `change:body`, with latestEditMsgKey);
// - a deletion for everyone turns the message into type `revoked` (Msg `change:type`);
//   one for me removes it from Msg;
// - a call is set into WAWebCallCollection's call map (which the library hooks), and
//   Call.reject() sends a `call`/`reject` stanza through WADeprecatedSendIq.

/** A message on this page by its serialized id or its id part. */
function findMessage(id: string): MsgModel {
	const msg = Msg.get(id) ?? Msg.get(migratedMsgIds.get(id)) ?? Msg.getModelsArray().find((m) => m.id.id === id);
	if (!msg) throw new Error(`no message ${id} on this page`);
	return msg;
}

/** Who did something in `msg`'s chat: this account (from the phone) or a person, and the key their own message gets. */
function actorIn(msg: MsgModel, by: string | undefined, id: string): { key: MsgKey; sender: Wid; author?: Wid; fromMe: boolean } {
	const chat = msg.id.remote;
	const me = chat.isLid() ? meLidWid() : meWid();
	if (!me) throw new Error('this page is not paired');
	const fromMe = by === undefined;
	const sender = fromMe ? me : createWid(by);
	const author = chat.isGroup() ? sender : undefined;
	const key = new MsgKey({
		from: fromMe ? me : chat,
		to: fromMe ? chat : me,
		id,
		participant: chat.isGroup() && !fromMe ? sender : undefined,
		selfDir: fromMe ? 'out' : 'in',
	});
	return { key, sender, author, fromMe };
}

interface ReactionArgs {
	messageId: string;
	/** The person reacting (undefined: this account, from the phone). */
	by?: string;
	emoji: string;
	id: string;
}

/** A reaction (an empty emoji: a reaction taken back) is upserted into WhatsApp Web's reaction table. */
async function receiveReaction(args: ReactionArgs): Promise<{ id: string }> {
	const parent = findMessage(args.messageId);
	const actor = actorIn(parent, args.by, args.id);
	const row = {
		id: actor.key,
		reactionParentKey: parent.id,
		reactionText: args.emoji,
		reactionTimestamp: Date.now(),
		// In a group the member is the author; in a one-to-one chat `from` is who reacted.
		author: actor.author,
		from: actor.author ? parent.id.remote : actor.sender,
		orphan: 0,
		read: actor.fromMe,
		ack: actor.fromMe ? 1 : undefined,
	};
	parent.set('hasReaction', args.emoji !== '' || parent.get('hasReaction') === true);
	const table = (WA_MODULES.WAWebAddonReactionTableMode as { reactionTableMode: { bulkUpsert(rows: unknown[]): Promise<unknown> } })
		.reactionTableMode;
	await table.bulkUpsert([row]);
	return { id: actor.key._serialized };
}

/** A poll created by a person in a chat (type poll_creation, as WhatsApp Web keeps it). */
function receivePoll(args: { wire: WireMessage; poll: { name: string; options: string[]; multiple: boolean } }): { id: string } {
	const { wire, poll } = args;
	const sender = wire.author ?? wire.chat;
	const chat = findOrCreateChat(createWid(wire.chat), wire.group);
	findOrCreateContact(createWid(sender), wire.pushname);
	const msg = messageFromWire({ ...wire, type: 'poll_creation', body: '' }, true);
	msg.set(
		{
			pollName: poll.name,
			pollOptions: poll.options.map((name, localId) => ({ name, localId })),
			pollSelectableOptionsCount: poll.multiple ? 0 : 1,
		},
		undefined,
		{ silent: true },
	);
	Msg.add(msg);
	chat.msgs.add(msg);
	chat.set({ t: wire.t, unreadCount: ((chat.get('unreadCount') as number) ?? 0) + 1, lastReceivedKey: msg.id });
	return { id: msg.id._serialized };
}

/** A vote (the voter's whole selection, by option name; none: the vote taken back) is upserted into the poll-vote table. */
async function receiveVote(args: { pollId: string; by?: string; options: string[]; id: string }): Promise<{ id: string }> {
	const poll = findMessage(args.pollId);
	const options = (poll.get('pollOptions') as Array<{ name: string; localId: number }> | undefined) ?? [];
	const selected = args.options.map((name) => {
		const option = options.find((o) => o.name === name);
		if (!option) throw new Error(`poll ${args.pollId} has no option "${name}"`);
		return option.localId;
	});
	const actor = actorIn(poll, args.by, args.id);
	const now = Date.now();
	const row = {
		id: actor.key,
		pollUpdateParentKey: poll.id,
		t: now,
		senderTimestampMs: now,
		selectedOptionLocalIds: selected,
		author: actor.author,
		from: actor.author ? poll.id.remote : actor.sender,
		read: actor.fromMe,
	};
	const table = (WA_MODULES.WAWebAddonPollVoteTableMode as { pollVoteTableMode: { bulkUpsert(rows: unknown[]): Promise<unknown> } })
		.pollVoteTableMode;
	await table.bulkUpsert([row]);
	return { id: actor.key._serialized };
}

/** Its sender edits a message: the body (a media message's caption) changes, with the edit's own key. */
function editMessage(args: { messageId: string; text: string; editId: string }): { id: string } {
	const msg = findMessage(args.messageId);
	const edit = actorIn(msg, msg.id.fromMe ? undefined : ((msg.get('author') ?? msg.get('from')) as Wid)._serialized, args.editId);
	const field = msg.get('directPath') ? 'caption' : 'body';
	msg.set({ [field]: args.text, latestEditMsgKey: edit.key, latestEditSenderTimestampMs: Date.now() });
	return { id: msg.id._serialized };
}

/** Deleted for everyone: the message stays, as type `revoked`, with nothing of what it said. */
function revokeMessage(args: { messageId: string; byAdmin?: boolean }): { id: string } {
	const msg = findMessage(args.messageId);
	msg.set({
		type: 'revoked',
		subtype: args.byAdmin ? 'admin_revoke' : 'sender_revoke',
		body: '',
		caption: undefined,
		revokeTimestamp: Math.floor(Date.now() / 1000),
		protocolMessageKey: msg.id,
	});
	return { id: msg.id._serialized };
}

/** Deleted for me (on the phone): WhatsApp Web drops the message. */
function deleteMessageForMe(args: { messageId: string }): { id: string } {
	const msg = findMessage(args.messageId);
	Msg.remove(msg.id);
	const chat = Chat.get(msg.id.remote);
	chat?.msgs.remove(msg.id, { silent: true });
	return { id: msg.id._serialized };
}

/** Someone calls: WhatsApp Web puts the call into its call collection's map. */
function receiveCall(args: { from: string; id: string; isVideo: boolean; isGroup: boolean }): { id: string } {
	const call = new Model({
		id: args.id,
		peerJid: createWid(args.from),
		isVideo: args.isVideo,
		isGroup: args.isGroup,
		outgoing: false,
		canHandleLocally: true,
		webClientShouldHandle: true,
		offerTime: Math.floor(Date.now() / 1000),
		participants: [],
	});
	callCollection.calls.set(args.id, call);
	callCollection.trigger('add', call);
	return { id: args.id };
}

interface WapNode {
	tag: string;
	attrs: Record<string, unknown>;
	content?: WapNode[];
}

/** Stanzas the page casts to the server; a call's `reject` ends the call and tells the caller. */
async function castStanza(stanza: WapNode): Promise<void> {
	const reject = stanza.tag === 'call' ? stanza.content?.find((node) => node.tag === 'reject') : undefined;
	if (!reject) throw new Error(`the fake does not handle a "${stanza.tag}" stanza`);
	const callId = String(reject.attrs['call-id']);
	const call = callCollection.calls.get(callId) as Model | undefined;
	callCollection.calls.delete(callId);
	if (call) callCollection.trigger('remove', call);
	await rpc('callRejected', { callId, to: createWid(stanza.attrs.to as WidLike)._serialized });
}

const EVENT_MODULES: Record<string, unknown> = {
	WAWap: {
		wap: (tag: string, attrs: Record<string, unknown>, content?: WapNode[]): WapNode => ({ tag, attrs, content }),
		generateId: () => randomHex(8),
	},
	WADeprecatedSendIq: { deprecatedCastStanza: castStanza },
};

commandHandlers.set('react', (args: ReactionArgs) => receiveReaction(args));
commandHandlers.set('receivePoll', (args: Parameters<typeof receivePoll>[0]) => receivePoll(args));
commandHandlers.set('vote', (args: Parameters<typeof receiveVote>[0]) => receiveVote(args));
commandHandlers.set('edit', (args: Parameters<typeof editMessage>[0]) => editMessage(args));
commandHandlers.set('revoke', (args: Parameters<typeof revokeMessage>[0]) => revokeMessage(args));
commandHandlers.set('deleteForMe', (args: Parameters<typeof deleteMessageForMe>[0]) => deleteMessageForMe(args));
commandHandlers.set('call', (args: Parameters<typeof receiveCall>[0]) => receiveCall(args));
