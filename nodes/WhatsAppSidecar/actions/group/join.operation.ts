import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	sessionLocator,
	{
		displayName: 'Invite Link or Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv',
		description: 'The group\'s invite link, or just the code at its end',
	},
];

export const joinDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['join'] } }, properties);

/** Joins the group of an invite link. Answers groupId and the group (null when WhatsApp has not sent its details yet). */
export async function join(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const code = String(this.getNodeParameter('code', itemIndex, '') ?? '').trim();
	if (!code) throw new NodeOperationError(this.getNode(), 'Enter the invite link or code', { itemIndex });
	const answer = await sidecarRequest.call(this, 'POST', sessionPath(session, '/groups/join'), { code });
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
