/**
 * Groups: what the group routes answer and what the group events carry. Participants are
 * named as WhatsApp names them (`<phone>@c.us`, or `…@lid` for someone whose number
 * WhatsApp hides), with the phone number beside it when it is known.
 */

export interface GroupParticipant {
	/** `<phone>@c.us`, or `…@lid` when WhatsApp does not tell the number. */
	id: string;
	/** Digits with the country code, no `+`; null when WhatsApp does not tell it. */
	phone: string | null;
	isAdmin: boolean;
	/** The group's creator (WhatsApp's "superadmin"): can never be demoted. */
	isSuperAdmin: boolean;
}

export interface GroupSettings {
	/** Only admins can send messages ("announcement" group). */
	messagesAdminsOnly: boolean;
	/** Only admins can change the subject, description and picture. */
	infoAdminsOnly: boolean;
}

export interface GroupInfo {
	/** `…@g.us`. */
	id: string;
	subject: string;
	description: string | null;
	/** Who created the group, when WhatsApp tells it. */
	owner: string | null;
	/** ISO time, when WhatsApp tells it. */
	createdAt: string | null;
	settings: GroupSettings;
	participants: GroupParticipant[];
	/** Whether this session's account is a member, and an admin. */
	iAmMember: boolean;
	iAmAdmin: boolean;
}

/**
 * What happened to one participant of an add, remove, promote or demote, in stable words:
 * `added`, `already_member`, `invite_sent` (their privacy allows invites only; WhatsApp sent
 * them one), `invite_required` (same, but no invite went), `not_on_whatsapp`, `recently_left`,
 * `group_full`, `not_allowed`, `removed`, `promoted`, `demoted`, `not_member`,
 * `already_admin`, `not_admin`, `failed`.
 */
export const PARTICIPANT_RESULTS = [
	'added',
	'already_member',
	'invite_sent',
	'invite_required',
	'not_on_whatsapp',
	'recently_left',
	'group_full',
	'not_allowed',
	'removed',
	'promoted',
	'demoted',
	'not_member',
	'already_admin',
	'not_admin',
	'failed',
] as const;
export type ParticipantResultWord = (typeof PARTICIPANT_RESULTS)[number];

export interface ParticipantResult {
	/** As the request gave it. */
	input: string;
	/** The WhatsApp id it was taken as. */
	id: string;
	result: ParticipantResultWord;
	/** WhatsApp's own status code for adds (200, 403, 404, 408, 409, 417, 419), when it gave one. */
	code?: number;
	/** The result in words, for a person. */
	message: string;
}

export type GroupAction = 'add' | 'remove' | 'promote' | 'demote';

// ---- Group events (webhooks): one payload per type.

interface GroupEventBase {
	/** `…@g.us`. */
	groupId: string;
	/** The group's subject when the event came, when known. */
	groupName: string | null;
	/** Who did it (the admin who added, removed, promoted; the member who changed the subject); null when WhatsApp does not say. */
	by: string | null;
	byPhone: string | null;
	/** Unix seconds, as WhatsApp stamps it. */
	timestamp: number;
}

export interface GroupMembersEventBase extends GroupEventBase {
	/** The people concerned, with their phone numbers when known. */
	participants: Array<{ id: string; phone: string | null }>;
	/** This session's own account is among them (it was added, removed, promoted…). */
	includesMe: boolean;
}

/** Someone joined: `added` by an admin, or through an `invite` link. */
export interface GroupJoinPayload extends GroupMembersEventBase {
	how: 'added' | 'invite' | 'linked_group';
}

/** Someone left on their own (`left`), or an admin `removed` them. */
export interface GroupLeavePayload extends GroupMembersEventBase {
	how: 'left' | 'removed';
}

export interface GroupAdminChangedPayload extends GroupMembersEventBase {
	change: 'promoted' | 'demoted';
}

/**
 * The group's subject, description, settings or picture changed. `subject`, `description` and
 * `settings` are the group's values after the change (read from WhatsApp when the event came).
 */
export interface GroupUpdatePayload extends GroupEventBase {
	what: 'subject' | 'description' | 'settings' | 'picture' | 'created' | 'other';
	/** WhatsApp's own word for it (subject, description, announce, restrict, picture, …). */
	kind: string;
	subject: string | null;
	description: string | null;
	settings: GroupSettings | null;
}

export interface GroupEventPayloads {
	'group.join': GroupJoinPayload;
	'group.leave': GroupLeavePayload;
	'group.update': GroupUpdatePayload;
	'group.admin_changed': GroupAdminChangedPayload;
}

export const GROUP_EVENT_TYPES = ['group.join', 'group.leave', 'group.update', 'group.admin_changed'] as const;
export type GroupEventType = (typeof GROUP_EVENT_TYPES)[number];

/** A group event as the engine reports it (the wire payload before the envelope). */
export type GroupEvent = { [T in GroupEventType]: { type: T; payload: GroupEventPayloads[T] } }[GroupEventType];
