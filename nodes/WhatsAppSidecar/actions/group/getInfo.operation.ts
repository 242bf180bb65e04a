import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { groupIdField, groupIdOf, groupPath } from './fields';

const properties: INodeProperties[] = [sessionLocator, groupIdField];

export const getInfoDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['getInfo'] } }, properties);

/** The group: name (subject), description, owner, creation time, settings, and its participants with their phones and admin flags. */
export async function getInfo(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const groupId = groupIdOf.call(this, itemIndex);
	const answer = await sidecarRequest.call(this, 'GET', sessionPath(session, groupPath(groupId)));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
