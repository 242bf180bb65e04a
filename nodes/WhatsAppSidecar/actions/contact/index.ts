import type { INodeProperties } from 'n8n-workflow';
import { block, blockDescription } from './block.operation';
import { checkNumber, checkNumberDescription } from './checkNumber.operation';
import { getProfile, getProfileDescription } from './getProfile.operation';
import { unblock, unblockDescription } from './unblock.operation';
import { listOptOuts, listOptOutsDescription } from './listOptOuts.operation';
import { optIn, optInDescription } from './optIn.operation';
import { optOut, optOutDescription } from './optOut.operation';

export const contactOperations = { block, checkNumber, getProfile, unblock, optOut, optIn, listOptOuts };

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
				name: 'List Opt-Outs',
				value: 'listOptOuts',
				description:
					'List everyone on the opt-out list (people who wrote STOP, or were added by Opt Out), oldest first. Returns one item per person: {contact, phone, lid, session, reason, keyword, at}.',
				action: 'List opt outs',
			},
			{
				name: 'Opt In',
				value: 'optIn',
				description:
					'Take a person off the opt-out list, so bulk messages reach them again. Use only when they asked to be messaged again. Needs the contact (phone number or ID). Fails with OPT_OUT_NOT_FOUND if they were not on the list.',
				action: 'Opt a contact back in',
			},
			{
				name: 'Opt Out',
				value: 'optOut',
				description:
					'Put a person on the opt-out list: from now on bulk messages to them are not sent (they end "skipped", code OPTED_OUT), replies to their messages still go. Needs the contact (phone number or ID). Returns the entry, with added: false if they were on the list already.',
				action: 'Opt a contact out',
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
	// Opt-outs (issue 15)
	...optOutDescription,
	...optInDescription,
	...listOptOutsDescription,
];
