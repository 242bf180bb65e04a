import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	sessionLocator,
	{
		displayName: 'Phone Number',
		name: 'number',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +62 812 3456 789',
		description:
			'The number to check, with its country code, or a national number like 0812… when the sidecar has a default country code; or a linked ID (…@lid) to find the phone number behind it. The answer has registered, chatId, lid and phone (null when WhatsApp does not tell it).',
	},
];

export const checkNumberDescription = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['checkNumber'] } },
	properties,
);

/**
 * Whether a number is on WhatsApp (`registered`), its chat ID and linked ID, asked through a connected session,
 * and whether a chat with it exists and a message would be a first contact (`chatExists`, `firstContact`).
 */
export async function checkNumber(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const number = String(this.getNodeParameter('number', itemIndex, '')).trim();
	if (!number) throw new NodeOperationError(this.getNode(), 'Enter the phone number to check', { itemIndex });
	const answer = await sidecarRequest.call(this, 'GET', sessionPath(session, `/contacts/${encodeURIComponent(number)}`));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
