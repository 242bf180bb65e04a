import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { contactField } from './fields';

const properties: INodeProperties[] = [
	sessionLocator,
	contactField,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. asked by email',
		description: 'Why the person is on the list (kept with the entry, shown by List Opt-Outs)',
	},
];

export const optOutDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['optOut'] } }, properties);

/** Puts the person on the opt-out list (`POST /api/opt-outs`): bulk messages to them end skipped (OPTED_OUT). */
export async function optOut(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const contact = contactOf.call(this, itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '')).trim();
	const answer = await sidecarRequest.call(this, 'POST', '/opt-outs', { contact, session, ...(reason ? { reason } : {}) });
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}

/** The contact field, required (shared by Opt Out and Opt In). */
export function contactOf(this: IExecuteFunctions, itemIndex: number): string {
	const contact = String(this.getNodeParameter('contact', itemIndex, '')).trim();
	if (!contact) throw new NodeOperationError(this.getNode(), 'Enter the contact: a phone number or an ID', { itemIndex });
	return contact;
}
