import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

export const archiveDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['archive'] } }, [sessionLocator, chatField] as INodeProperties[]);

/** Archives the chat (`POST …/chats/:chat/archive`). */
export async function archive(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'POST', chatPath.call(this, itemIndex, '/archive'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
