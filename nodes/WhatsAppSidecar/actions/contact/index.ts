import type { INodeProperties } from 'n8n-workflow';
import { block, blockDescription } from './block.operation';
import { checkNumber, checkNumberDescription } from './checkNumber.operation';
import { getProfile, getProfileDescription } from './getProfile.operation';
import { unblock, unblockDescription } from './unblock.operation';

export const contactOperations = { block, checkNumber, getProfile, unblock };

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Block',
				value: 'block',
				description: 'Block a person: their messages and calls no longer reach this number. Needs the contact (phone number or ID). Returns {contactId, blocked: true}.',
				action: 'Block a contact',
			},
			{
				name: 'Check Number',
				value: 'checkNumber',
				description: 'Find out whether a phone number is on WhatsApp, and whether it ever wrote to you (the session must be connected)',
				action: 'Check a phone number',
			},
			{
				name: 'Get Profile',
				value: 'getProfile',
				description:
					'Look a contact up: their profile picture URL, "about" text, name they gave themselves (pushname), whether they are a business (with its description, category, email, website, address) and whether you blocked them. Needs the contact (phone number or ID). Null where they hide it.',
				action: 'Get a contact profile',
			},
			{
				name: 'Unblock',
				value: 'unblock',
				description: 'Unblock a person you blocked. Needs the contact (phone number or ID). Returns {contactId, blocked: false}.',
				action: 'Unblock a contact',
			},
		],
		default: 'checkNumber',
	},
	...checkNumberDescription,
	...getProfileDescription,
	...blockDescription,
	...unblockDescription,
];
