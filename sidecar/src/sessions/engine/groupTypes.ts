import type { GroupAction, GroupInfo, GroupSettings, ParticipantResult } from '../../contract';

/** A participant as the route read it: what the request said, and the WhatsApp id it means. */
export interface ParticipantInput {
	input: string;
	id: string;
}

export interface CreatedGroup {
	groupId: string;
	/** The group as WhatsApp Web shows it after creating it. */
	group: GroupInfo;
	participants: ParticipantResult[];
}

export interface GroupChanges {
	subject?: string;
	description?: string;
	settings?: Partial<GroupSettings>;
}

/**
 * Group management through the page (immediate calls, not queued). Failures are the
 * sidecar's group errors (GROUP_NOT_FOUND, GROUP_NOT_ADMIN, GROUP_INVITE_INVALID,
 * GROUP_ACTION_FAILED); callers bound each call with a time limit.
 */
export interface GroupOperations {
	create(subject: string, participants: ParticipantInput[]): Promise<CreatedGroup>;
	info(groupId: string): Promise<GroupInfo>;
	updateParticipants(groupId: string, action: GroupAction, participants: ParticipantInput[]): Promise<ParticipantResult[]>;
	/** Applies the changes (subject, description, then settings) and answers the group as it is afterwards. */
	update(groupId: string, changes: GroupChanges): Promise<GroupInfo>;
	/** The invite code (admins only). */
	inviteCode(groupId: string): Promise<string>;
	/** Resets the invite code: the old link stops working. Answers the new code. */
	revokeInvite(groupId: string): Promise<string>;
	/** Joins the group of an invite code; answers its id. */
	join(code: string): Promise<{ groupId: string }>;
	leave(groupId: string): Promise<void>;
}
