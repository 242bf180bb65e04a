import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { recipientField, sessionLocator } from '../common.descriptions';
import { messageIdParameter } from './messageId';
import { sendOptionsWith } from './messageOptions';
import { sendMessage } from './send';

const properties: INodeProperties[] = [
	sessionLocator,
	{
		...recipientField,
		displayName: 'Chat',
		description:
			'The chat the message is in: its chatId from the WhatsApp Message Trigger, a phone number with its country code, or a group ID (…@g.us)',
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. false_6281234567890@c.us_3A5F0B1C2D3E4F5A6B7C',
		description:
			'The message to react to: its WhatsApp ID, e.g. false_6281234567890@c.us_3A5F…, from the ID field of the WhatsApp Message Trigger or the messageId of a message this node sent. Not the job ID.',
	},
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '👍',
		placeholder: 'e.g. 👍',
		description: 'One emoji, like 👍 ❤️ 😂 🙏. Leave empty to remove your earlier reaction on the message.',
	},
	// A reaction always takes the reply lane: no Lane, and no number check (the chat exists).
	sendOptionsWith([], ['lane', 'checkNumber', 'sendBefore']),
];

export const reactDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['react'] } }, properties);

/** Queues an emoji reaction on a message (an empty emoji removes it); reactions go on the reply lane with a small gap. */
export async function react(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const messageId = messageIdParameter.call(this, itemIndex);
	const emoji = String(this.getNodeParameter('emoji', itemIndex, '') ?? '').trim();
	return sendMessage.call(this, itemIndex, 'react', { reaction: { messageId, emoji } }, { lane: 'reply' });
}
