import type { INodeProperties } from 'n8n-workflow';
import { checkNumber, checkNumberDescription } from './checkNumber.operation';

export const contactOperations = { checkNumber };

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Check Number',
				value: 'checkNumber',
				description: 'Find out whether a phone number is on WhatsApp, and whether it ever wrote to you (the session must be connected)',
				action: 'Check a phone number',
			},
		],
		default: 'checkNumber',
	},
	...checkNumberDescription,
];
