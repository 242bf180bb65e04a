import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { participantsOf } from './fields';

const properties: INodeProperties[] = [
	sessionLocator,
	{
		displayName: 'Group Name',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Clinic staff',
		description: 'The new group\'s name (its subject), up to 100 characters',
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		default: '',
		placeholder: 'e.g. +62 812 3456 789, 628987654321',
		description:
			'Who to add: phone numbers with their country code (or WhatsApp IDs), separated by commas; up to 50. Leave empty for a group of this account alone.',
	},
];

export const createDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['create'] } }, properties);

/**
 * Creates a group with this account as its admin. Answers groupId, the group (name, participants with admin flags, settings)
 * and per participant a result: added, invite_sent (their privacy allows invitations only), not_on_whatsapp, …
 */
export async function create(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const subject = String(this.getNodeParameter('subject', itemIndex, '') ?? '').trim();
	if (!subject) throw new NodeOperationError(this.getNode(), 'Enter the group name', { itemIndex });
	const participants = participantsOf.call(this, itemIndex, false);
	const answer = await sidecarRequest.call(this, 'POST', sessionPath(session, '/groups'), { subject, participants });
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
