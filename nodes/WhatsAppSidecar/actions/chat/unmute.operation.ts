import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

export const unmuteDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['unmute'] } }, [sessionLocator, chatField] as INodeProperties[]);

/** Unmutes the chat (`POST …/chats/:chat/unmute`). */
export async function unmute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'POST', chatPath.call(this, itemIndex, '/unmute'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
