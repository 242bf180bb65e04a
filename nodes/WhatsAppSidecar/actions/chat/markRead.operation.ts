import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

export const markReadDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['markRead'] } }, [sessionLocator, chatField] as INodeProperties[]);

/** Marks the chat read: the sender sees blue ticks on the unread messages (`POST …/chats/:chat/read`). */
export async function markRead(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'POST', chatPath.call(this, itemIndex, '/read'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
