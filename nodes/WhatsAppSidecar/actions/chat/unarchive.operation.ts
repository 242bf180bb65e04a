import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

export const unarchiveDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['unarchive'] } }, [sessionLocator, chatField] as INodeProperties[]);

/** Unarchives the chat (`POST …/chats/:chat/unarchive`). */
export async function unarchive(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'POST', chatPath.call(this, itemIndex, '/unarchive'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
