import { SidecarError } from './SidecarError';
import { short } from './text';

/** Managing groups: ids, participants, rights, invite codes, and WhatsApp Web refusing. */

export class GroupIdInvalidError extends SidecarError {
	constructor(input: string) {
		super(
			'GROUP_ID_INVALID',
			`"${short(input)}" is not a group id. A group id looks like 120363012345678901@g.us (or just its number); ` +
				'Group → Create and the message trigger\'s group.id give it.',
			{ input: short(input) },
		);
	}
}

export class GroupParticipantsInvalidError extends SidecarError {
	/** `problems`: each participant that could not be read, and why. */
	constructor(problems: Array<{ input: string; problem: string }>) {
		const list = problems.map((p) => `"${short(p.input)}": ${p.problem}`).join('; ');
		super(
			'GROUP_PARTICIPANTS_INVALID',
			`Some participants are not phone numbers or WhatsApp ids: ${list}. Write numbers with their country code (628123456789) or ids (…@c.us, …@lid).`,
			{ problems },
		);
	}
}

export class GroupNotFoundError extends SidecarError {
	constructor(groupId: string) {
		super(
			'GROUP_NOT_FOUND',
			`This WhatsApp account knows no group "${short(groupId)}". Check the id (it ends in @g.us), and that the account is or was in the group.`,
			{ groupId: short(groupId) },
		);
	}
}

export class GroupNotAdminError extends SidecarError {
	constructor(groupId: string, what: string) {
		super(
			'GROUP_NOT_ADMIN',
			`Only group admins can ${what}, and this WhatsApp account is not an admin of ${short(groupId)} (or no longer in it). Ask an admin to make it one.`,
			{ groupId: short(groupId) },
		);
	}
}

export class GroupInviteInvalidError extends SidecarError {
	constructor(code: string, detail?: string) {
		super(
			'GROUP_INVITE_INVALID',
			`WhatsApp knows no group for the invite "${short(code)}": the link is wrong, was reset by an admin, or expired. Ask for a new link.`,
			{ code: short(code), ...(detail ? { detail: short(detail) } : {}) },
		);
	}
}

export class GroupActionFailedError extends SidecarError {
	/** `detail`: what WhatsApp Web or the library said (or that it did not answer in time). */
	constructor(what: string, detail: string, options?: { cause?: unknown }) {
		super(
			'GROUP_ACTION_FAILED',
			`WhatsApp Web did not ${what} (${short(detail)}). Try again in a moment; if it keeps failing, check the session (it may be reconnecting).`,
			{ detail: short(detail) },
			options,
		);
	}
}
