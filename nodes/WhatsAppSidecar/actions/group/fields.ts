import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The group an operation works on. */
export const groupIdField: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 120363012345678901@g.us',
	description:
		'The group\'s ID (ends in @g.us; the number alone works too). Group → Create answers it as groupId, the WhatsApp Message Trigger gives it as group.ID, the WhatsApp Group Trigger as groupId.',
};

/** People to add, remove, promote or demote. */
export const participantsField: INodeProperties = {
	displayName: 'Participants',
	name: 'participants',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +62 812 3456 789, 628987654321',
	description:
		'Phone numbers with their country code (or WhatsApp IDs ending in @c.us or @lid), separated by commas or new lines; up to 50',
};

/** The group ID parameter, checked for being there (the sidecar checks its form). */
export function groupIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const groupId = String(this.getNodeParameter('groupId', itemIndex, '') ?? '').trim();
	if (!groupId) {
		throw new NodeOperationError(this.getNode(), 'Enter the group ID', {
			itemIndex,
			description: 'A group ID ends in @g.us, like 120363012345678901@g.us; Group → Create answers it as groupId.',
		});
	}
	return groupId;
}

/** The group's path under a session: `/groups/<id>` plus `suffix`. */
export function groupPath(groupId: string, suffix = ''): string {
	return `/groups/${encodeURIComponent(groupId)}${suffix}`;
}

/** A list of people: text with commas, semicolons or new lines between them, or an array (from an expression). */
export function participantsOf(this: IExecuteFunctions, itemIndex: number, required: boolean): string[] {
	const raw: unknown = this.getNodeParameter('participants', itemIndex, '');
	const items = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]/);
	const people = items.map((p) => p.trim()).filter((p) => p.length > 0);
	if (required && !people.length) {
		throw new NodeOperationError(this.getNode(), 'Enter at least one participant', {
			itemIndex,
			description: 'Phone numbers with their country code, like +62 812 3456 789, separated by commas.',
		});
	}
	return people;
}
