import type { INodeProperties } from 'n8n-workflow';
import { getStatus, getStatusDescription } from './getStatus.operation';
import { sendMedia, sendMediaDescription } from './sendMedia.operation';
import { sendText, sendTextDescription } from './sendText.operation';

export const messageOperations = { getStatus, sendMedia, sendText };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'See whether a message was sent, delivered or read, by its job ID or its reference',
				action: 'Get message status',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				description: 'Send an image, video, audio or document',
				action: 'Send a media message',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				description: 'Send a text message',
				action: 'Send a text message',
			},
		],
		default: 'sendText',
	},
	...sendTextDescription,
	...sendMediaDescription,
	...getStatusDescription,
];
