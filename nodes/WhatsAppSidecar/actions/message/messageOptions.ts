import type { INodeProperties } from 'n8n-workflow';
import { sendOptions } from './sendOptions';

/**
 * The Options of the message operations beyond Send Text and Send Media: the shared send options
 * (sendOptions.ts), with Reply To and Mentions where a message can carry them, and without what
 * does not apply (a reaction has no lane or number check: it always goes on the reply lane).
 */

export const replyToOption: INodeProperties = {
	displayName: 'Reply To',
	name: 'replyTo',
	type: 'string',
	default: '',
	placeholder: 'e.g. false_6281234567890@c.us_3A5F0B1C2D3E4F5A6B7C',
	description:
		'The WhatsApp message ID to quote: the message then shows as a reply to it. Take it from the WhatsApp Message Trigger (its ID field) or from a sent message ("messageId"). Leave empty for a normal message.',
};

export const mentionsOption: INodeProperties = {
	displayName: 'Mentions',
	name: 'mentions',
	type: 'string',
	default: '',
	placeholder: 'e.g. +62 812 3456 789, +62 813 0000 1111',
	description:
		'People to mention (usually in a group): phone numbers with the country code or WhatsApp IDs, separated by commas. Write @ and the number in the text where each mention should show, e.g. "@6281234567890 please check".',
};

/** The shared Options plus `extra`, and without `without`, in alphabetical order (as n8n lists them). */
export function sendOptionsWith(extra: INodeProperties[], without: string[] = []): INodeProperties {
	const options = [...(sendOptions.options as INodeProperties[]).filter((o) => !without.includes(o.name)), ...extra];
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { ...sendOptions, options };
}
