import type { Client, GroupChat } from 'whatsapp-web.js';
import type { GroupAction, GroupInfo, GroupParticipant, ParticipantResult, ParticipantResultWord } from '../../contract';
import { GroupActionFailedError, GroupInviteInvalidError, GroupNotAdminError, GroupNotFoundError } from '../../errors';
import { readGroupSummary } from './groupPage';
import type { CreatedGroup, GroupChanges, GroupOperations, ParticipantInput } from './groupTypes';

/** The library's per-participant codes for an add (GroupChat.addParticipants, Client.createGroup), in stable words. */
const ADD_RESULTS: Record<number, ParticipantResultWord> = {
	200: 'added',
	403: 'invite_required',
	404: 'not_on_whatsapp',
	408: 'recently_left',
	409: 'already_member',
	417: 'not_allowed',
	419: 'group_full',
};

const WORDS: Record<ParticipantResultWord, string> = {
	added: 'Added to the group.',
	already_member: 'Already in the group.',
	invite_sent: 'Their privacy settings only allow invitations: WhatsApp sent them an invitation to join.',
	invite_required: 'Their privacy settings only allow invitations: send them the group\'s invite link.',
	not_on_whatsapp: 'This number is not on WhatsApp.',
	recently_left: 'They left the group recently: WhatsApp does not let them be added back yet; send them the invite link.',
	group_full: 'The group is full.',
	not_allowed: 'WhatsApp did not allow adding them; send them the invite link.',
	removed: 'Removed from the group.',
	promoted: 'Now an admin.',
	demoted: 'No longer an admin.',
	not_member: 'Not in the group.',
	already_admin: 'Already an admin.',
	not_admin: 'Not an admin.',
	failed: 'WhatsApp did not do it.',
};

function result(participant: ParticipantInput, word: ParticipantResultWord, code?: number): ParticipantResult {
	return { input: participant.input, id: participant.id, result: word, ...(code === undefined ? {} : { code }), message: WORDS[word] };
}

function addResult(participant: ParticipantInput, found: { statusCode?: number; code?: number; isInviteV4Sent?: boolean } | undefined): ParticipantResult {
	const code = Number(found?.statusCode ?? found?.code);
	if (!Number.isFinite(code)) return result(participant, 'failed');
	const word = code === 403 && found?.isInviteV4Sent ? 'invite_sent' : (ADD_RESULTS[code] ?? 'failed');
	return result(participant, word, code);
}

type WidLike = string | { _serialized?: string } | undefined | null;
const serialized = (wid: WidLike): string | null => (typeof wid === 'string' ? wid : (wid?._serialized ?? null));
const phoneOf = (id: string): string | null => (id.endsWith('@c.us') ? id.split('@')[0] : null);

/** A participant of `info` the request names: by id, or by the phone number behind it. */
function memberFor(info: GroupInfo, participant: ParticipantInput): GroupParticipant | undefined {
	const phone = phoneOf(participant.id);
	return info.participants.find((p) => p.id === participant.id || (phone !== null && p.phone === phone));
}

/**
 * Group management through whatsapp-web.js: Client.createGroup / getChatById / acceptInvite and
 * GroupChat's methods (structures/GroupChat.js), with what the library leaves out added here:
 * whether the group exists and this account is an admin (checked first, so the answer can say
 * so), and per-participant results for remove / promote / demote (the library answers only
 * {status: 200}: they are read from the group afterwards).
 */
export class WwebjsGroups implements GroupOperations {
	constructor(private readonly client: () => Client) {}

	async create(subject: string, participants: ParticipantInput[]): Promise<CreatedGroup> {
		const created = await this.client().createGroup(
			subject,
			participants.map((p) => p.id),
		);
		if (typeof created === 'string') throw new GroupActionFailedError('create the group', created);
		const groupId = serialized(created.gid as WidLike);
		if (!groupId) throw new GroupActionFailedError('create the group', 'WhatsApp Web gave no group id');
		const answers = created.participants as unknown as Record<string, { statusCode?: number; isInviteV4Sent?: boolean }>;
		return {
			groupId,
			group: await this.info(groupId),
			participants: participants.map((p) => addResult(p, answers[p.id] ?? answers[p.input])),
		};
	}

	async info(groupId: string): Promise<GroupInfo> {
		return groupInfo(await this.chat(groupId), this.me());
	}

	async updateParticipants(groupId: string, action: GroupAction, participants: ParticipantInput[]): Promise<ParticipantResult[]> {
		const chat = await this.chat(groupId);
		const before = groupInfo(chat, this.me());
		if (!before.iAmAdmin) throw new GroupNotAdminError(groupId, `${action} participants`);
		if (action === 'add') return this.add(chat, participants);

		// What can be done at all; the rest is answered without asking WhatsApp.
		const early = new Map<string, ParticipantResult>();
		for (const p of participants) {
			const member = memberFor(before, p);
			if (!member) early.set(p.id, result(p, 'not_member'));
			else if (action === 'promote' && member.isAdmin) early.set(p.id, result(p, 'already_admin'));
			else if (action === 'demote' && !member.isAdmin) early.set(p.id, result(p, 'not_admin'));
		}
		const todo = participants.filter((p) => !early.has(p.id)).map((p) => memberFor(before, p)!.id);
		if (todo.length) {
			if (action === 'remove') await chat.removeParticipants(todo);
			else if (action === 'promote') await chat.promoteParticipants(todo);
			else await chat.demoteParticipants(todo);
		}
		const after = await this.info(groupId);
		return participants.map((p) => {
			const done = early.get(p.id);
			if (done) return done;
			const member = memberFor(after, p);
			if (action === 'remove') return result(p, member ? 'failed' : 'removed');
			if (action === 'promote') return result(p, member?.isAdmin ? 'promoted' : 'failed');
			return result(p, member && !member.isAdmin ? 'demoted' : 'failed');
		});
	}

	async update(groupId: string, changes: GroupChanges): Promise<GroupInfo> {
		const chat = await this.chat(groupId);
		const info = groupInfo(chat, this.me());
		const settings = changes.settings ?? {};
		const touchesSettings = settings.messagesAdminsOnly !== undefined || settings.infoAdminsOnly !== undefined;
		if (!info.iAmMember) throw new GroupNotAdminError(groupId, 'change the group');
		if (touchesSettings && !info.iAmAdmin) throw new GroupNotAdminError(groupId, 'change the group\'s settings');
		const touchesInfo = changes.subject !== undefined || changes.description !== undefined;
		if (touchesInfo && info.settings.infoAdminsOnly && !info.iAmAdmin) {
			throw new GroupNotAdminError(groupId, 'change the subject and description (the group allows only admins to)');
		}
		const refused = (what: string) => new GroupActionFailedError(what, 'WhatsApp refused the change');
		if (changes.subject !== undefined && !(await chat.setSubject(changes.subject))) throw refused('change the subject');
		if (changes.description !== undefined && !(await chat.setDescription(changes.description))) throw refused('change the description');
		if (settings.messagesAdminsOnly !== undefined && !(await chat.setMessagesAdminsOnly(settings.messagesAdminsOnly))) {
			throw refused('change who can send messages');
		}
		if (settings.infoAdminsOnly !== undefined && !(await chat.setInfoAdminsOnly(settings.infoAdminsOnly))) {
			throw refused('change who can edit the group info');
		}
		return this.info(groupId);
	}

	async inviteCode(groupId: string): Promise<string> {
		const chat = await this.adminChat(groupId, 'get the invite link');
		// The library answers undefined when WhatsApp refuses (ServerStatusCodeError).
		const code = (await chat.getInviteCode()) as string | undefined;
		if (!code) throw new GroupNotAdminError(groupId, 'get the invite link');
		return code;
	}

	async revokeInvite(groupId: string): Promise<string> {
		const chat = await this.adminChat(groupId, 'reset the invite link');
		const code = (await chat.revokeInvite()) as unknown as string | undefined;
		if (!code) throw new GroupActionFailedError('reset the invite link', 'WhatsApp gave no new code');
		return code;
	}

	async join(code: string): Promise<{ groupId: string }> {
		const client = this.client();
		// The invite's group first: a wrong or reset code fails here, before anything is joined.
		try {
			await client.getInviteInfo(code);
		} catch (error) {
			throw new GroupInviteInvalidError(code, error instanceof Error ? error.message : String(error));
		}
		try {
			return { groupId: await client.acceptInvite(code) };
		} catch (error) {
			throw new GroupActionFailedError('join the group', error instanceof Error ? error.message : String(error), { cause: error });
		}
	}

	async leave(groupId: string): Promise<void> {
		const chat = await this.chat(groupId);
		if (!groupInfo(chat, this.me()).iAmMember) return; // gone already: leaving is done
		await chat.leave();
	}

	private async add(chat: GroupChat, participants: ParticipantInput[]): Promise<ParticipantResult[]> {
		const answer = (await chat.addParticipants(participants.map((p) => p.id))) as unknown;
		if (typeof answer === 'string') {
			if (/admin/i.test(answer)) throw new GroupNotAdminError(chat.id._serialized, 'add participants');
			throw new GroupActionFailedError('add the participants', answer);
		}
		const answers = answer as Record<string, { code?: number; isInviteV4Sent?: boolean }>;
		return participants.map((p) => addResult(p, answers[p.id]));
	}

	private async adminChat(groupId: string, what: string): Promise<GroupChat> {
		const chat = await this.chat(groupId);
		if (!groupInfo(chat, this.me()).iAmAdmin) throw new GroupNotAdminError(groupId, what);
		return chat;
	}

	/** The group's chat, read through the library once the page is known to hold the group. */
	private async chat(groupId: string): Promise<GroupChat> {
		const client = this.client();
		const page = client.pupPage;
		if (!page) throw new Error('the browser is not running');
		if (!(await page.evaluate(readGroupSummary, groupId))) throw new GroupNotFoundError(groupId);
		const chat = await client.getChatById(groupId);
		if (!chat.isGroup) throw new GroupNotFoundError(groupId);
		return chat as GroupChat;
	}

	private me(): string[] {
		const info = this.client().info;
		return [serialized(info?.wid as WidLike), serialized((info as unknown as { lid?: WidLike })?.lid)].filter((id): id is string => id !== null);
	}
}

/** The library's GroupChat as the contract's GroupInfo. */
function groupInfo(chat: GroupChat, me: string[]): GroupInfo {
	const metadata = (chat as unknown as { groupMetadata: Record<string, unknown> }).groupMetadata ?? {};
	const raw = (metadata.participants as Array<{ id: WidLike; isAdmin?: boolean; isSuperAdmin?: boolean }>) ?? [];
	const participants: GroupParticipant[] = raw.map((p) => {
		const id = serialized(p.id) ?? '';
		return { id, phone: phoneOf(id), isAdmin: Boolean(p.isAdmin || p.isSuperAdmin), isSuperAdmin: Boolean(p.isSuperAdmin) };
	});
	const mine = participants.find((p) => me.includes(p.id));
	const creation = Number(metadata.creation);
	return {
		id: chat.id._serialized,
		subject: String(metadata.subject ?? chat.name ?? ''),
		description: typeof metadata.desc === 'string' && metadata.desc ? metadata.desc : null,
		owner: serialized(metadata.owner as WidLike),
		createdAt: Number.isFinite(creation) && creation > 0 ? new Date(creation * 1000).toISOString() : null,
		settings: { messagesAdminsOnly: Boolean(metadata.announce), infoAdminsOnly: Boolean(metadata.restrict) },
		participants,
		iAmMember: mine !== undefined,
		iAmAdmin: Boolean(mine?.isAdmin),
	};
}
