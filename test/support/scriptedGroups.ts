import type { GroupAction, GroupInfo, ParticipantResult } from '../../sidecar/src/contract';
import type { CreatedGroup, GroupChanges, GroupOperations, ParticipantInput } from '../../sidecar/src/sessions/engine/groupTypes';

/**
 * The scripted engine's groups: every call is recorded; it answers with a small canned group,
 * or fails with `failWith` (a sidecar error, say), or never settles ('hang').
 */
export class ScriptedGroups implements GroupOperations {
	readonly calls: Array<{ op: string; args: unknown[] }> = [];
	failWith?: Error | 'hang';
	inviteCodeValue = 'ScriptedInvite01';

	group(id = '120363000000000001@g.us'): GroupInfo {
		return {
			id,
			subject: 'Scripted group',
			description: null,
			owner: null,
			createdAt: null,
			settings: { messagesAdminsOnly: false, infoAdminsOnly: false },
			participants: [],
			iAmMember: true,
			iAmAdmin: true,
		};
	}

	private async answer<T>(op: string, args: unknown[], value: () => T): Promise<T> {
		this.calls.push({ op, args });
		if (this.failWith === 'hang') return new Promise(() => undefined);
		if (this.failWith) throw this.failWith;
		return value();
	}

	create(subject: string, participants: ParticipantInput[]): Promise<CreatedGroup> {
		return this.answer('create', [subject, participants], () => ({
			groupId: '120363000000000001@g.us',
			group: { ...this.group(), subject },
			participants: participants.map((p): ParticipantResult => ({ ...p, result: 'added', code: 200, message: 'Added to the group.' })),
		}));
	}

	info(groupId: string): Promise<GroupInfo> {
		return this.answer('info', [groupId], () => this.group(groupId));
	}

	updateParticipants(groupId: string, action: GroupAction, participants: ParticipantInput[]): Promise<ParticipantResult[]> {
		return this.answer('updateParticipants', [groupId, action, participants], () =>
			participants.map((p): ParticipantResult => ({ ...p, result: 'failed', message: 'scripted' })),
		);
	}

	update(groupId: string, changes: GroupChanges): Promise<GroupInfo> {
		return this.answer('update', [groupId, changes], () => this.group(groupId));
	}

	inviteCode(groupId: string): Promise<string> {
		return this.answer('inviteCode', [groupId], () => this.inviteCodeValue);
	}

	revokeInvite(groupId: string): Promise<string> {
		return this.answer('revokeInvite', [groupId], () => this.inviteCodeValue);
	}

	join(code: string): Promise<{ groupId: string }> {
		return this.answer('join', [code], () => ({ groupId: '120363000000000001@g.us' }));
	}

	leave(groupId: string): Promise<void> {
		return this.answer('leave', [groupId], () => undefined);
	}
}
