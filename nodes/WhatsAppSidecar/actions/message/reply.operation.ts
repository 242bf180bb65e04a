import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pacingNotice, recipientField, sessionLocator } from '../common.descriptions';
import { messageIdParameter } from './messageId';
import { mentionsOption, sendOptionsWith } from './messageOptions';
import { sendMessage } from './send';

const properties: INodeProperties[] = [
	pacingNotice,
	sessionLocator,
	{ ...recipientField, description: `${recipientField.description} For a reply, the chat the quoted message is in (its chatId).` },
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. false_6281234567890@c.us_3A5F0B1C2D3E4F5A6B7C',
		description:
			'The message to quote: its WhatsApp ID, e.g. false_6281234567890@c.us_3A5F…, from the ID field of the WhatsApp Message Trigger or the messageId of a message this node sent. Not the job ID.',
	},
	{
		displayName: 'Reply With',
		name: 'replyWith',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Text', value: 'text', description: 'A text message quoting the message' },
			{ name: 'Media From a URL', value: 'mediaUrl', description: 'An image, video, audio or document the sidecar downloads, quoting the message' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: { show: { replyWith: ['text'] } },
		description: 'The reply. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~.',
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/map.png',
		displayOptions: { show: { replyWith: ['mediaUrl'] } },
		description: 'A link anyone can open (http or https). Links to private or local addresses are refused.',
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		displayOptions: { show: { replyWith: ['mediaUrl'] } },
		description: 'Text shown with the media',
	},
	// A reply answers someone who wrote: the reply lane by default.
	sendOptionsWith([mentionsOption]),
];

export const replyDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['reply'] } }, properties);

/** Queues a quoted reply (text, or media from a URL) to a WhatsApp message, on the reply lane unless told otherwise. */
export async function reply(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const replyTo = messageIdParameter.call(this, itemIndex);
	const replyWith = this.getNodeParameter('replyWith', itemIndex, 'text') as string;
	const content: IDataObject = { replyTo };
	if (replyWith === 'mediaUrl') {
		content.media = { url: String(this.getNodeParameter('mediaUrl', itemIndex)).trim() };
		const caption = String(this.getNodeParameter('caption', itemIndex, ''));
		if (caption) content.caption = caption;
	} else {
		content.text = this.getNodeParameter('text', itemIndex) as string;
	}
	return sendMessage.call(this, itemIndex, 'reply', content, { lane: 'reply' });
}
