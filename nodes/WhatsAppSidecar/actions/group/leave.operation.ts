import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { groupIdField, groupIdOf, groupPath } from './fields';

const properties: INodeProperties[] = [sessionLocator, groupIdField];

export const leaveDescription = updateDisplayOptions({ show: { resource: ['group'], operation: ['leave'] } }, properties);

/** This account leaves the group. Answers {groupId, left: true}. */
export async function leave(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const groupId = groupIdOf.call(this, itemIndex);
	const answer = await sidecarRequest.call(this, 'POST', sessionPath(session, groupPath(groupId, '/leave')));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
