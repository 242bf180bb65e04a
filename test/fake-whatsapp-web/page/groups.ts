// Groups: what whatsapp-web.js 1.34.7 calls to create and manage them (Client.createGroup,
// structures/GroupChat.js, Client.acceptInvite/getInviteInfo, Injected/Utils.js
// getAddParticipantsRpcResult), answered by the fake server's groups (groups.ts there), and
// the gp2 notifications WhatsApp Web adds to Msg when a group changes, from which the
// library derives group_join / group_leave / group_admin_changed / group_update.

/** A group as the server tells it (test/fake-whatsapp-web/groups.ts GroupSnapshot). */
interface WireGroup {
	id: string;
	subject: string;
	desc: string;
	descId: string;
	owner: string;
	creation: number;
	announce: boolean;
	restrict: boolean;
	participants: Array<{ id: string; isAdmin: boolean; isSuperAdmin: boolean }>;
}

/** WhatsApp Web's error for a refusal by the server; the library checks `err.name`. */
class ServerStatusCodeError extends Error {
	constructor(readonly statusCode: number, message: string) {
		super(message);
		this.name = 'ServerStatusCodeError';
	}
}

/** Asks the server's groups; a refusal becomes the ServerStatusCodeError WhatsApp Web throws. */
async function groupServer<T>(op: string, args: Record<string, unknown>): Promise<T> {
	const answer = await rpc<T & { refused?: number; message?: string }>('group', { op, ...args });
	if (answer.refused) throw new ServerStatusCodeError(answer.refused, answer.message ?? `refused with ${answer.refused}`);
	return answer;
}

/** Shows the group as the server has it: its chat (made when this account is in it) and GroupMetadata. */
function applyGroup(group: WireGroup | null | undefined): ChatModel | undefined {
	if (!group) return undefined;
	const wid = createWid(group.id);
	const me = meWid()?._serialized;
	let chat = Chat.get(wid);
	if (!chat) {
		if (!group.participants.some((p) => p.id === me)) return undefined;
		chat = findOrCreateChat(wid, { subject: group.subject });
	}
	const participants = new Collection(Model);
	for (const p of group.participants) participants.add(new Model({ id: createWid(p.id), isAdmin: p.isAdmin, isSuperAdmin: p.isSuperAdmin }));
	chat.groupMetadata?.set({
		subject: group.subject,
		desc: group.desc,
		descId: group.descId,
		owner: createWid(group.owner),
		creation: group.creation,
		announce: group.announce,
		restrict: group.restrict,
		participants,
	});
	chat.set({ formattedTitle: group.subject, isReadOnly: group.announce && !iAmAdminOf(chat) });
	return chat;
}

function iAmAdminOf(chat: ChatModel): boolean {
	const me = meWid();
	const participants = chat.groupMetadata?.get('participants') as Collection<Model> | undefined;
	return Boolean(me && participants?.get(me)?.get('isAdmin'));
}

Object.assign(ChatModel.prototype, {
	iAmAdmin(this: ChatModel) {
		return iAmAdminOf(this);
	},
});

/** At start, WhatsApp Web loads the groups this phone is in from its database (after a restart, too). */
async function restoreGroups(phone: string): Promise<void> {
	const { groups } = await rpc<{ groups: WireGroup[] }>('groupsOf', { phone });
	for (const group of groups) applyGroup(group);
}

async function refreshGroup(input: WidLike): Promise<void> {
	const wid = createWid(input);
	if (!wid.isGroup()) return;
	const { group } = await groupServer<{ group: WireGroup | null }>('query', { id: wid._serialized });
	applyGroup(group); // a group the server does not know (a test's message into an ad-hoc group) stays as the page has it
}
Object.assign(GroupMetadata, { update: refreshGroup });

Object.assign(Chat, { find: async (input: WidLike) => (await findOrCreateLatestChat(input)).chat });
Object.assign(Contact, { gadd: (input: WidLike) => findOrCreateContact(createWid(input)) });

const ProfilePicThumb = Object.assign(new Collection(Model), { find: async (wid: WidLike) => new Model({ id: createWid(wid) }) });

type AddResult = { wid: string; code: number; inviteCode?: string; inviteCodeExp?: number };

const serverIds = (models: Array<{ id: Wid }>) => models.map((m) => m.id._serialized);

/** A gp2 notification: WhatsApp Web adds it to Msg (the library turns it into a group event). */
function receiveGroupNotice(args: { group: WireGroup; notice: { subtype: string; author: string | null; recipients: string[]; body?: string; t: number } }) {
	const chat = applyGroup(args.group);
	if (!chat) return { shown: false };
	const { notice } = args;
	const me = meWid();
	if (!me) throw new Error('this page is not paired');
	const author = notice.author ? createWid(notice.author) : undefined;
	const fromMe = author?._serialized === me._serialized;
	const key = new MsgKey({ from: chat.id, to: chat.id, id: MsgKey.newId(), participant: author, selfDir: fromMe ? 'out' : 'in' });
	const msg = new MsgModel({
		id: key,
		type: 'gp2',
		subtype: notice.subtype,
		body: notice.body ?? '',
		t: notice.t,
		from: chat.id,
		to: me,
		author,
		recipients: notice.recipients.map((r) => createWid(r)),
		isNewMsg: true,
		ack: 0,
		star: false,
		broadcast: false,
	});
	Msg.add(msg);
	chat.msgs.add(msg);
	return { shown: true, id: key._serialized };
}
commandHandlers.set('groupNotice', receiveGroupNotice);

const GROUP_MODULES: Record<string, unknown> = {
	WAWebGroupCreateJob: {
		createGroup: async (options: { title: string; announce?: boolean; restrict?: boolean }, people: Array<{ phoneNumber: Wid }>) => {
			const created = await groupServer<{ group: WireGroup; results: AddResult[] }>('create', {
				subject: options.title,
				participants: people.map((p) => p.phoneNumber._serialized),
				announce: options.announce === true,
				restrict: options.restrict === true,
			});
			applyGroup(created.group);
			return {
				wid: createWid(created.group.id),
				subject: created.group.subject,
				participants: created.results.map((r) => ({
					wid: createWid(r.wid),
					error: r.code === 200 ? undefined : r.code,
					invite_code: r.inviteCode,
					invite_code_exp: r.inviteCodeExp,
					type: 'participant',
				})),
			};
		},
	},
	WAWebGroupQueryJob: {
		queryAndUpdateGroupMetadataById: async ({ id }: { id: string }) => refreshGroup(id),
		queryGroupInvite: async (code: string) => {
			const { group } = await groupServer<{ group: WireGroup }>('inviteInfo', { code });
			return { id: createWid(group.id), subject: group.subject, owner: createWid(group.owner), creation: group.creation, size: group.participants.length, desc: group.desc };
		},
		resetGroupInviteCode: async (wid: Wid) => groupServer<{ code: string }>('resetInvite', { id: wid._serialized }),
	},
	WAWebWidToJid: {
		widToGroupJid: (wid: Wid) => wid._serialized,
		widToUserJid: (wid: Wid) => wid.toJid(),
	},
	WASmaxGroupsAddParticipantsRPC: {
		// The smax RPC's answer, with its long mixin names, as Utils.getAddParticipantsRpcResult reads it.
		sendAddParticipantsRPC: async ({ participantArgs, iqTo }: { participantArgs: Array<{ participantJid: string }>; iqTo: string }) => {
			const answer = await rpc<{ results?: AddResult[]; group?: WireGroup; refused?: number }>('group', {
				op: 'add',
				id: iqTo,
				participants: participantArgs.map((a) => a.participantJid),
			});
			if (answer.refused) {
				return { name: 'AddParticipantsResponseClientError', value: { errorAddParticipantsClientErrors: { value: { code: String(answer.refused) } } } };
			}
			applyGroup(answer.group);
			const [first] = answer.results ?? [];
			const mixins =
				first?.code === 403
					? { name: 'ParticipantRequestCodeCanBeSent', value: { error: '403', addRequestCode: first.inviteCode, addRequestExpiration: first.inviteCodeExp } }
					: { name: first?.code === 200 ? 'ParticipantAdded' : 'ParticipantError', value: first?.code === 200 ? {} : { error: String(first?.code ?? 500) } };
			return {
				name: 'AddParticipantsResponseSuccess',
				value: {
					addParticipant: [
						{ addParticipantsParticipantAddedOrNonRegisteredWaUserParticipantErrorLidResponseMixinGroup: { value: { addParticipantsParticipantMixins: mixins } } },
					],
				},
			};
		},
	},
	WAWebChatSendMessages: {
		sendGroupInviteMessage: async (chat: ChatModel, groupId: string) => {
			await groupServer('inviteSent', { id: groupId, to: chat.id._serialized });
			return { messageSendResult: 'OK' };
		},
	},
	WAWebModifyParticipantsGroupAction: {
		removeParticipants: (chat: ChatModel, people: Array<{ id: Wid }>) => modifyGroup(chat, 'remove', people),
		promoteParticipants: (chat: ChatModel, people: Array<{ id: Wid }>) => modifyGroup(chat, 'promote', people),
		demoteParticipants: (chat: ChatModel, people: Array<{ id: Wid }>) => modifyGroup(chat, 'demote', people),
	},
	WAWebGroupModifyInfoJob: {
		setGroupSubject: async (wid: Wid, subject: string) => applyGroup((await groupServer<{ group: WireGroup }>('subject', { id: wid._serialized, subject })).group),
		setGroupDescription: async (wid: Wid, description: string) =>
			applyGroup((await groupServer<{ group: WireGroup }>('description', { id: wid._serialized, description })).group),
	},
	WAWebSetPropertyGroupAction: {
		setGroupProperty: async (chat: ChatModel, property: string, value: number) => {
			const name = property === 'announcement' ? 'announce' : property === 'restrict' ? 'restrict' : undefined;
			if (!name) throw new ServerStatusCodeError(400, `the fake has no group property ${property}`);
			applyGroup((await groupServer<{ group: WireGroup }>('property', { id: chat.id._serialized, property: name, on: value === 1 })).group);
		},
	},
	WAWebMexFetchGroupInviteCodeJob: {
		fetchMexGroupInviteCode: async (chatId: string) => groupServer<{ code: string }>('inviteCode', { id: chatId }),
	},
	WAWebGroupInviteJob: {
		joinGroupViaInvite: async (code: string) => {
			const { group } = await groupServer<{ group: WireGroup }>('join', { code });
			applyGroup(group);
			return { gid: createWid(group.id) };
		},
	},
	WAWebExitGroupAction: {
		sendExitGroup: async (chat: ChatModel) => applyGroup((await groupServer<{ group: WireGroup }>('leave', { id: chat.id._serialized })).group),
	},
};

async function modifyGroup(chat: ChatModel, action: 'remove' | 'promote' | 'demote', people: Array<{ id: Wid }>): Promise<void> {
	const { group } = await groupServer<{ group: WireGroup }>('modify', { id: chat.id._serialized, action, participants: serverIds(people) });
	applyGroup(group);
}
