import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { contactField, contactPath } from './fields';

export const unblockDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['unblock'] } }, [sessionLocator, contactField] as INodeProperties[]);

/** Unblocks the person (`POST …/contacts/:contact/unblock`). */
export async function unblock(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'POST', contactPath.call(this, itemIndex, '/unblock'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
