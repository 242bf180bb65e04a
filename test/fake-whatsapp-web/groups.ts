import { randomBytes } from 'crypto';

/**
 * WhatsApp's groups, as its servers keep them: members and admins, subject, description,
 * settings and invite code. Every linked page and every test phone sees the same groups.
 * A change is announced to the pages of the members (and of whoever just left) as the
 * `gp2` notification WhatsApp Web turns into a system message; whatsapp-web.js derives its
 * group_join / group_leave / group_admin_changed / group_update events from those.
 *
 * Refusals are WhatsApp's status codes: 401 not a member, 403 not an admin (or the
 * person's privacy), 404 no such group or invite, 409 already a member, 408 left recently.
 */

export interface FakeGroupMember {
	admin: boolean;
	superAdmin: boolean;
}

export interface FakeGroup {
	id: string;
	subject: string;
	description: string;
	descId: string;
	owner: string;
	creation: number;
	/** Only admins send messages. */
	announce: boolean;
	/** Only admins edit the group info. */
	restrict: boolean;
	inviteCode: string;
	/** By user id (`<digits>@c.us`). */
	members: Map<string, FakeGroupMember>;
	/** People who left on their own: WhatsApp refuses to add them back for a while (408). */
	recentlyLeft: Set<string>;
	/** Invitations WhatsApp sent for this group to people whose privacy allows invites only. */
	invitesSent: string[];
}

/** What a page needs to show a group (its GroupMetadata). */
export interface GroupSnapshot {
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

/** A gp2 notification: `subtype` is WhatsApp's (add, invite, remove, leave, promote, demote, subject, description, announce, restrict). */
export interface GroupNotice {
	subtype: string;
	author: string | null;
	recipients: string[];
	body?: string;
}

export class GroupRefusal extends Error {
	constructor(readonly status: number, message: string) {
		super(message);
	}
}

export interface GroupHost {
	isRegistered(wid: string): boolean;
	/** Shows the change to the pages of the group's members, and of `alsoTo` (who just left). */
	announce(group: GroupSnapshot, notice: GroupNotice, alsoTo: string[]): void;
}

export type ModifyAction = 'remove' | 'promote' | 'demote';

export class FakeGroups {
	private readonly groups = new Map<string, FakeGroup>();
	/** People whose privacy lets only contacts add them: an add answers 403 and an invitation can be sent. */
	private readonly inviteOnly = new Set<string>();
	private counter = 0;

	constructor(private readonly host: GroupHost) {}

	/** These people can only be invited, not added (WhatsApp's "Who can add me to groups"). */
	requireInvite(people: string[]): void {
		for (const p of people) this.inviteOnly.add(userWid(p));
	}

	get(id: string): FakeGroup | undefined {
		return this.groups.get(groupWid(id));
	}

	/** The group with this subject (the newest, when several have it). */
	find(subject: string): FakeGroup | undefined {
		return [...this.groups.values()].reverse().find((g) => g.subject === subject);
	}

	all(): FakeGroup[] {
		return [...this.groups.values()];
	}

	create(by: string, subject: string, people: string[], settings: { announce?: boolean; restrict?: boolean } = {}) {
		const owner = userWid(by);
		const id = `120363${String(Date.now()).slice(-9)}${String(++this.counter).padStart(3, '0')}@g.us`;
		const group: FakeGroup = {
			id,
			subject,
			description: '',
			descId: newId(),
			owner,
			creation: Math.floor(Date.now() / 1000),
			announce: settings.announce ?? false,
			restrict: settings.restrict ?? false,
			inviteCode: inviteCode(),
			members: new Map([[owner, { admin: true, superAdmin: true }]]),
			recentlyLeft: new Set(),
			invitesSent: [],
		};
		this.groups.set(id, group);
		const results = people.map((p) => this.addOne(group, userWid(p)));
		const added = results.filter((r) => r.code === 200).map((r) => r.wid);
		this.host.announce(snapshot(group), { subtype: 'create', author: owner, recipients: added, body: subject }, []);
		return { group: snapshot(group), results };
	}

	/** The groups a phone is in, as its WhatsApp Web loads them at start. */
	of(phone: string): GroupSnapshot[] {
		const wid = userWid(phone);
		return this.all()
			.filter((g) => g.members.has(wid))
			.map(snapshot);
	}

	snapshot(id: string): GroupSnapshot | null {
		const group = this.get(id);
		return group ? snapshot(group) : null;
	}

	add(id: string, by: string, people: string[]) {
		const group = this.adminOf(id, by);
		const results = people.map((p) => this.addOne(group, userWid(p)));
		const added = results.filter((r) => r.code === 200).map((r) => r.wid);
		if (added.length) this.host.announce(snapshot(group), { subtype: 'add', author: userWid(by), recipients: added }, []);
		return results;
	}

	modify(id: string, by: string, action: ModifyAction, people: string[]): GroupSnapshot {
		const group = this.adminOf(id, by);
		const done: string[] = [];
		for (const wid of people.map(userWid)) {
			const member = group.members.get(wid);
			if (!member) continue;
			if (action === 'remove') group.members.delete(wid);
			else if (member.superAdmin && action === 'demote') continue; // the creator stays an admin
			else member.admin = action === 'promote';
			done.push(wid);
		}
		if (done.length) this.host.announce(snapshot(group), { subtype: action, author: userWid(by), recipients: done }, action === 'remove' ? done : []);
		return snapshot(group);
	}

	setSubject(id: string, by: string, subject: string): GroupSnapshot {
		const group = this.editorOf(id, by);
		group.subject = subject;
		this.host.announce(snapshot(group), { subtype: 'subject', author: userWid(by), recipients: [], body: subject }, []);
		return snapshot(group);
	}

	setDescription(id: string, by: string, description: string): GroupSnapshot {
		const group = this.editorOf(id, by);
		group.description = description;
		group.descId = newId();
		this.host.announce(snapshot(group), { subtype: 'description', author: userWid(by), recipients: [], body: description }, []);
		return snapshot(group);
	}

	/** `announce`: only admins send; `restrict`: only admins edit the info. */
	setProperty(id: string, by: string, property: 'announce' | 'restrict', on: boolean): GroupSnapshot {
		const group = this.adminOf(id, by);
		group[property] = on;
		this.host.announce(snapshot(group), { subtype: property, author: userWid(by), recipients: [], body: on ? 'on' : 'off' }, []);
		return snapshot(group);
	}

	inviteCodeOf(id: string, by: string): string {
		return this.adminOf(id, by).inviteCode;
	}

	resetInvite(id: string, by: string): string {
		const group = this.adminOf(id, by);
		group.inviteCode = inviteCode();
		return group.inviteCode;
	}

	/** The group an invite code leads to (WhatsApp answers 404 for a wrong or reset code). */
	byInvite(code: string): FakeGroup {
		const group = [...this.groups.values()].find((g) => g.inviteCode === code);
		if (!group) throw new GroupRefusal(404, `no group has the invite code ${code}`);
		return group;
	}

	join(code: string, by: string): GroupSnapshot {
		const group = this.byInvite(code);
		const wid = userWid(by);
		if (!group.members.has(wid)) {
			group.members.set(wid, { admin: false, superAdmin: false });
			group.recentlyLeft.delete(wid);
			this.host.announce(snapshot(group), { subtype: 'invite', author: wid, recipients: [wid] }, []);
		}
		return snapshot(group);
	}

	leave(id: string, by: string): GroupSnapshot {
		const group = this.memberOf(id, by);
		const wid = userWid(by);
		group.members.delete(wid);
		group.recentlyLeft.add(wid);
		this.host.announce(snapshot(group), { subtype: 'leave', author: wid, recipients: [wid] }, [wid]);
		return snapshot(group);
	}

	private addOne(group: FakeGroup, wid: string): { wid: string; code: number; inviteCode?: string; inviteCodeExp?: number } {
		if (group.members.has(wid)) return { wid, code: 409 };
		if (!this.host.isRegistered(wid)) return { wid, code: 404 };
		if (group.recentlyLeft.has(wid)) return { wid, code: 408 };
		if (this.inviteOnly.has(wid)) {
			return { wid, code: 403, inviteCode: inviteCode(), inviteCodeExp: Math.floor(Date.now() / 1000) + 3 * 86_400 };
		}
		group.members.set(wid, { admin: false, superAdmin: false });
		return { wid, code: 200 };
	}

	/** @internal the page sent an invitation for a person WhatsApp would not let be added. */
	noteInviteSent(id: string, to: string): void {
		this.get(id)?.invitesSent.push(userWid(to));
	}

	private memberOf(id: string, by: string): FakeGroup {
		const group = this.get(id);
		if (!group) throw new GroupRefusal(404, `no group ${id}`);
		if (!group.members.has(userWid(by))) throw new GroupRefusal(401, `${by} is not in ${id}`);
		return group;
	}

	private adminOf(id: string, by: string): FakeGroup {
		const group = this.memberOf(id, by);
		if (!group.members.get(userWid(by))?.admin) throw new GroupRefusal(403, `${by} is not an admin of ${id}`);
		return group;
	}

	/** Who may change the subject and description: anyone in it, or only admins once `restrict` is on. */
	private editorOf(id: string, by: string): FakeGroup {
		const group = this.memberOf(id, by);
		if (group.restrict && !group.members.get(userWid(by))?.admin) throw new GroupRefusal(403, `only admins edit ${id}`);
		return group;
	}
}

function snapshot(group: FakeGroup): GroupSnapshot {
	return {
		id: group.id,
		subject: group.subject,
		desc: group.description,
		descId: group.descId,
		owner: group.owner,
		creation: group.creation,
		announce: group.announce,
		restrict: group.restrict,
		participants: [...group.members].map(([id, m]) => ({ id, isAdmin: m.admin || m.superAdmin, isSuperAdmin: m.superAdmin })),
	};
}

export function userWid(input: string): string {
	const text = input.replace('@s.whatsapp.net', '@c.us');
	return text.includes('@') ? text : `${text.replace(/\D/g, '')}@c.us`;
}

export function groupWid(input: string): string {
	return input.includes('@') ? input : `${input}@g.us`;
}

function inviteCode(): string {
	return randomBytes(16).toString('base64url').slice(0, 22);
}

function newId(): string {
	return randomBytes(8).toString('hex').toUpperCase();
}
