import type { INodeProperties } from 'n8n-workflow';
import { SESSION_ID_PATTERN_SOURCE, SESSION_ID_RULE } from '../../../sidecar/src/contract';

/** The session (one linked WhatsApp number) an operation works on. */
export const sessionLocator: INodeProperties = {
	displayName: 'Session',
	name: 'session',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The WhatsApp session to use: each session is one phone number linked to the sidecar by scanning a QR code',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a session...',
			typeOptions: { searchListMethod: 'searchSessions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. main',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: SESSION_ID_PATTERN_SOURCE,
						errorMessage: `A session ID: ${SESSION_ID_RULE}`,
					},
				},
			],
		},
	],
};

/** Who gets the message. */
export const recipientField: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +62 812 3456 789',
	description:
		'The phone number with its country code (+62 812-3456-789 or 628123456789), a national number like 0812… when the sidecar has a default country code, or a chat ID (…@c.us, …@lid for someone WhatsApp shows without a number, or …@g.us for a group). To answer a message, use its chatId.',
};

/** Said wherever a message is sent, so nobody expects an instant send. */
export const pacingNotice: INodeProperties = {
	displayName:
		'Messages are queued and paced (bulk messages 30–60 seconds apart by default) so WhatsApp does not ban the number for sending too fast. The node goes on once the sidecar has accepted the message; turn on "Wait Until Sent" in the options to wait for it to go out.',
	name: 'pacingNotice',
	type: 'notice',
	default: '',
};

export const referenceDescription =
	'Your own label for the message, such as an appointment ID or {"appointmentId": 42}. It comes back with every status update and trigger event of the message, so later steps know which record it belongs to, and you can look messages up by it (Message → Get Status). Text that looks like JSON (an object, a list, a number) is used as that JSON value.';
