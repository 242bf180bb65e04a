import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

const properties: INodeProperties[] = [
	sessionLocator,
	chatField,
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: 100 },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Before Message ID',
		name: 'before',
		type: 'string',
		default: '',
		description:
			'Leave empty for the newest messages. To read further back, give the ID of the oldest message you have (the last item of the previous run, or its nextBefore): only older messages come.',
	},
];

export const getMessagesDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['getMessages'] } }, properties);

/**
 * A chat's history, newest first, one item per message in the Message Trigger's shape
 * (`GET …/chats/:chat/messages`); each item also says `nextBefore` for the page after it.
 */
export async function getMessages(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	const before = String(this.getNodeParameter('before', itemIndex, '')).trim();
	const qs: IDataObject = { limit, ...(before ? { before } : {}) };
	const page = await sidecarRequest.call(this, 'GET', chatPath.call(this, itemIndex, '/messages'), undefined, qs);
	const messages = (page.messages as IDataObject[] | undefined) ?? [];
	return messages.map((message) => ({ json: { ...message, nextBefore: page.nextBefore ?? null }, pairedItem: { item: itemIndex } }));
}
