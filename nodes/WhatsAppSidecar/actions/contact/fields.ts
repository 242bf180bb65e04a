import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';

/** The person a profile or block operation is about. */
export const contactField: INodeProperties = {
	displayName: 'Contact',
	name: 'contact',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +62 812 3456 789',
	description:
		'The person: their phone number with its country code (+62 812-3456-789 or 628123456789), or their ID as other steps give it (a message\'s sender, …@c.us or …@lid)',
};

/** The API path of the chosen contact, or of something under it (`/profile`, `/block`). */
export function contactPath(this: IExecuteFunctions, itemIndex: number, suffix: string): string {
	const session = getSessionId.call(this, itemIndex);
	const contact = String(this.getNodeParameter('contact', itemIndex, '')).trim();
	if (!contact) throw new NodeOperationError(this.getNode(), 'Enter the contact: a phone number or an ID', { itemIndex });
	return sessionPath(session, `/contacts/${encodeURIComponent(contact)}${suffix}`);
}
