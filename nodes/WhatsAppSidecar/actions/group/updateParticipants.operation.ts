import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { groupIdField, groupIdOf, groupPath, participantsField, participantsOf } from './fields';

const properties: INodeProperties[] = [
	sessionLocator,
	groupIdField,
	{
		displayName: 'Action',
		name: 'participantAction',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add', description: 'Add them to the group' },
			{ name: 'Demote', value: 'demote', description: 'They are no longer admins' },
			{ name: 'Promote', value: 'promote', description: 'Make them admins' },
			{ name: 'Remove', value: 'remove', description: 'Remove them from the group' },
		],
		default: 'add',
		description: 'What to do with the participants (this account must be an admin of the group)',
	},
	participantsField,
];

export const updateParticipantsDescription = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['updateParticipants'] } },
	properties,
);

/**
 * Adds, removes, promotes or demotes participants. Answers one result per person in `participants`: added, already_member,
 * invite_sent, invite_required, not_on_whatsapp, recently_left, removed, promoted, demoted, not_member, already_admin, not_admin or failed.
 */
export async function updateParticipants(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const groupId = groupIdOf.call(this, itemIndex);
	const action = String(this.getNodeParameter('participantAction', itemIndex, 'add'));
	const participants = participantsOf.call(this, itemIndex, true);
	const answer = await sidecarRequest.call(this, 'POST', sessionPath(session, groupPath(groupId, '/participants')), { action, participants });
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
