import type { INodeProperties } from 'n8n-workflow';
import { create, createDescription } from './create.operation';
import { getInfo, getInfoDescription } from './getInfo.operation';
import { getInviteLink, getInviteLinkDescription } from './getInviteLink.operation';
import { join, joinDescription } from './join.operation';
import { leave, leaveDescription } from './leave.operation';
import { revokeInviteLink, revokeInviteLinkDescription } from './revokeInviteLink.operation';
import { updateParticipants, updateParticipantsDescription } from './updateParticipants.operation';
import { updateSettings, updateSettingsDescription } from './updateSettings.operation';

export const groupOperations = { create, getInfo, getInviteLink, join, leave, revokeInviteLink, updateParticipants, updateSettings };

/** Each description says what it does, what it needs and what it answers: for a person, and for an AI agent using the node as a tool. */
export const groupDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a WhatsApp group with a name and participants (phone numbers); this account becomes its admin. Returns groupId, the group, and per participant whether they were added or only invited.',
				action: 'Create a group',
			},
			{
				name: 'Get Info',
				value: 'getInfo',
				description:
					'Read a group by its ID: name, description, owner, settings and participants with their phone numbers and admin flags',
				action: 'Get a group',
			},
			{
				name: 'Get Invite Link',
				value: 'getInviteLink',
				description: 'Get the group\'s invite link (chat.whatsapp.com/…) to share; this account must be an admin',
				action: 'Get a group invite link',
			},
			{
				name: 'Join by Invite',
				value: 'join',
				description: 'Join a group with its invite link or code. Returns the joined group\'s ID.',
				action: 'Join a group by invite link',
			},
			{
				name: 'Leave',
				value: 'leave',
				description: 'This WhatsApp account leaves the group (by its ID); it stops getting the group\'s messages',
				action: 'Leave a group',
			},
			{
				name: 'Revoke Invite Link',
				value: 'revokeInviteLink',
				description: 'Reset the group\'s invite link so the old one stops working; returns the new link. Admins only.',
				action: 'Revoke a group invite link',
			},
			{
				name: 'Update Participants',
				value: 'updateParticipants',
				description:
					'Add, remove, promote (make admin) or demote participants by phone number. Returns a result per person: added, already_member, invite_sent, not_on_whatsapp, removed, promoted, … Admins only.',
				action: 'Update group participants',
			},
			{
				name: 'Update Settings',
				value: 'updateSettings',
				description:
					'Change the group\'s name, description, and whether only admins can send messages or edit the group info. Returns the group as it is afterwards.',
				action: 'Update group settings',
			},
		],
		default: 'getInfo',
	},
	...createDescription,
	...getInfoDescription,
	...updateParticipantsDescription,
	...updateSettingsDescription,
	...getInviteLinkDescription,
	...revokeInviteLinkDescription,
	...joinDescription,
	...leaveDescription,
];
