import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pacingNotice, recipientField, sessionLocator } from '../common.descriptions';
import { sendMessage } from './send';
import { mentionsOption, replyToOption, sendOptionsWith } from './messageOptions';

const properties: INodeProperties[] = [
	pacingNotice,
	sessionLocator,
	recipientField,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The message. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~.',
	},
	sendOptionsWith([mentionsOption, replyToOption]),
];

export const sendTextDescription = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);

/** Queues a text message. */
export async function sendText(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const text = this.getNodeParameter('text', itemIndex) as string;
	return sendMessage.call(this, itemIndex, 'sendText', { text });
}
