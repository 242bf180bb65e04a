import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { groupIdField, groupIdOf, groupPath } from './fields';

const properties: INodeProperties[] = [sessionLocator, groupIdField];

export const revokeInviteLinkDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['revokeInviteLink'] } }, properties);

/** Resets the invite link: the old one stops working. Answers the new link and code. Admins only. */
export async function revokeInviteLink(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const groupId = groupIdOf.call(this, itemIndex);
	const answer = await sidecarRequest.call(this, 'DELETE', sessionPath(session, groupPath(groupId, '/invite')));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
