import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pacingNotice, recipientField, sessionLocator } from '../common.descriptions';
import { replyToOption, sendOptionsWith } from './messageOptions';
import { sendMessage } from './send';

const properties: INodeProperties[] = [
	pacingNotice,
	sessionLocator,
	recipientField,
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Contact' },
		required: true,
		default: { contact: [{ name: '', phone: '' }] },
		description:
			'The people to share, 1 to 20: each becomes a contact card (vCard) with a name and a phone number, which the recipient can save or message with one tap. Several go as one message.',
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Dr. Sari',
						description: 'The name shown on the card',
					},
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: 'e.g. +62 812 3456 789',
						description: 'The phone number with its country code (or national, with the sidecar\'s default country code)',
					},
				],
			},
		],
	},
	sendOptionsWith([replyToOption]),
];

export const sendContactDescription = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendContact'] } },
	properties,
);

/** Queues one or several contact cards, each built from a name and a phone number. */
export async function sendContact(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const given = this.getNodeParameter('contacts.contact', itemIndex, []) as Array<{ name?: unknown; phone?: unknown }>;
	const contacts = given.map((c) => ({ name: String(c.name ?? '').trim(), phone: String(c.phone ?? '').trim() }));
	if (!contacts.length) {
		throw new NodeOperationError(this.getNode(), 'Add at least one contact (a name and a phone number) under "Contacts"', { itemIndex });
	}
	return sendMessage.call(this, itemIndex, 'sendContact', { contacts });
}
