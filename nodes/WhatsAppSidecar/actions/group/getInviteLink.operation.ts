import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { groupIdField, groupIdOf, groupPath } from './fields';

const properties: INodeProperties[] = [sessionLocator, groupIdField];

export const getInviteLinkDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['getInviteLink'] } }, properties);

/** The group's invite link (link, and its code); only admins can get it. */
export async function getInviteLink(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const groupId = groupIdOf.call(this, itemIndex);
	const answer = await sidecarRequest.call(this, 'GET', sessionPath(session, groupPath(groupId, '/invite')));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
