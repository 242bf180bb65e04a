// This account changing or passing on messages (issue 14), as whatsapp-web.js 1.34.7 drives it:
// - Message.edit asks WAWebMsgActionCapability.canEditText / canEditCaption, then calls
//   WAWebSendMessageEditAction.sendMessageEdit(msg, text, options);
// - Message.delete asks canSenderRevokeMsg / canAdminRevokeMsg, then Cmd.sendRevokeMsgs (for
//   everyone) or Cmd.sendDeleteMsgs (for me; also what a refused "for everyone" falls back to);
// - Message.forward calls WAWebChatForwardMessage.forwardMessages({chat, msgs, …}).
// WhatsApp's windows are the page's to enforce, as WhatsApp Web's capability checks do: an edit
// within 15 minutes of sending, a deletion for everyone within about 2 days (FakeOptions
// editWindowMs / revokeWindowMs, or phone.setChangeWindows, shrink them for a test). Each change
// goes to the phone (rpc `change`), then the page changes the message the way events.ts does for
// changes made on the phone, so the library emits message_edit / message_revoke_everyone too.

const changeWindows = {
	editMs: FAKE_CONFIG.editWindowMs ?? 15 * 60_000,
	revokeMs: FAKE_CONFIG.revokeWindowMs ?? 2 * 24 * 3600_000 + 13 * 3600_000,
};

/** Milliseconds since the message was sent (its `t`, in seconds as WhatsApp keeps it). */
function sentAgoMs(msg: MsgModel): number {
	return Date.now() - Number(msg.get('t') ?? 0) * 1000;
}

function isLiveOwnMessage(msg: MsgModel): boolean {
	return msg.id.fromMe && msg.get('type') !== 'revoked';
}

const msgActionCapability = {
	canEditText: (msg: MsgModel) => isLiveOwnMessage(msg) && msg.get('type') === 'chat' && sentAgoMs(msg) < changeWindows.editMs,
	canEditCaption: (msg: MsgModel) =>
		isLiveOwnMessage(msg) && Boolean(msg.get('directPath')) && msg.get('type') !== 'sticker' && sentAgoMs(msg) < changeWindows.editMs,
	canSenderRevokeMsg: (msg: MsgModel) => isLiveOwnMessage(msg) && sentAgoMs(msg) < changeWindows.revokeMs,
	// Admins deleting others' messages in groups is not emulated: never offered.
	canAdminRevokeMsg: () => false,
};

interface ChangeDecision {
	outcome: 'accept' | 'reject';
	error?: string;
}

/** Tells the phone (the network) about the change; a test's injected failure refuses it. */
async function sendChange(op: 'edit' | 'revoke' | 'deleteForMe', msg: MsgModel, text?: string): Promise<void> {
	const decision = await rpc<ChangeDecision>('change', {
		change: { op, messageId: msg.id._serialized, chat: msg.id.remote._serialized, text, t: Math.floor(Date.now() / 1000) },
	});
	if (decision.outcome === 'reject') throw new Error(decision.error ?? `the fake rejected this ${op}`);
}

async function sendMessageEdit(msg: MsgModel, text: string, _options: Record<string, unknown>): Promise<void> {
	await sendChange('edit', msg, text);
	editMessage({ messageId: msg.id._serialized, text, editId: MsgKey.newId() });
}

/** Cmd.sendRevokeMsgs / sendDeleteMsgs take {list, type} from WhatsApp Web 2.3000 on (an array before). */
function msgsOf(msgs: { list: MsgModel[] } | MsgModel[]): MsgModel[] {
	return Array.isArray(msgs) ? msgs : msgs.list;
}

Object.assign(Cmd, {
	async sendRevokeMsgs(_chat: ChatModel, msgs: { list: MsgModel[] } | MsgModel[]): Promise<void> {
		for (const msg of msgsOf(msgs)) {
			await sendChange('revoke', msg);
			revokeMessage({ messageId: msg.id._serialized });
		}
	},
	async sendDeleteMsgs(_chat: ChatModel, msgs: { list: MsgModel[] } | MsgModel[]): Promise<void> {
		for (const msg of msgsOf(msgs)) {
			await sendChange('deleteForMe', msg);
			deleteMessageForMe({ messageId: msg.id._serialized });
		}
	},
});

/** Attributes of a message that are about that message, not what it says: a forward gets its own. */
const OWN_MESSAGE_FIELDS = [
	'id', 'from', 'to', 'author', 't', 'ack', 'isNewMsg', 'local', 'self', 'star', 'notifyName', 'quotedMsg',
	'quotedStanzaID', 'quotedParticipant', 'quotedRemoteJid', 'latestEditMsgKey', 'latestEditSenderTimestampMs',
	'hasReaction', 'mentionedJidList', 'isUnsentMedia',
];

/** WAWebChatForwardMessage.forwardMessages: each message sent again to `chat`, marked as forwarded. */
async function forwardMessages(args: { chat: ChatModel; msgs: MsgModel[]; includeCaption?: boolean }): Promise<void> {
	for (const msg of args.msgs) {
		const content = msg.toJSON();
		for (const field of OWN_MESSAGE_FIELDS) delete content[field];
		if (!args.includeCaption) delete content.caption;
		const me = args.chat.id.isLid() ? meLidWid() : meWid();
		const attrs = {
			...content,
			id: new MsgKey({ from: me!, to: args.chat.id, id: MsgKey.newId(), selfDir: 'out' }),
			from: me,
			to: args.chat.id,
			t: Math.floor(Date.now() / 1000),
			isNewMsg: true,
			local: true,
			self: 'out',
			isForwarded: true,
			forwardingScore: Number(msg.get('forwardingScore') ?? 0) + 1,
		};
		const [added] = addAndSendMsgToChat(args.chat, attrs);
		await added;
	}
}

/** The outbox fields of a forwarded message (sending.ts outboxEntryFor). */
function forwardFieldsOf(attrs: Record<string, unknown>): Record<string, unknown> {
	return attrs.isForwarded ? { isForwarded: true, forwardingScore: attrs.forwardingScore } : {};
}

const CHANGE_MODULES: Record<string, unknown> = {
	WAWebMsgActionCapability: msgActionCapability,
	WAWebSendMessageEditAction: { sendMessageEdit },
	WAWebChatForwardMessage: { forwardMessages },
};

commandHandlers.set('changeWindows', (args: { editMs?: number; revokeMs?: number }) => {
	if (args.editMs !== undefined) changeWindows.editMs = args.editMs;
	if (args.revokeMs !== undefined) changeWindows.revokeMs = args.revokeMs;
	return { ...changeWindows };
});
