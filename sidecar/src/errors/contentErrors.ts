import { SidecarError } from './SidecarError';
import { short } from './text';

/** Message content beyond text and media: replies, mentions, reactions, locations, contact cards, polls. */

/** The content fields a message can carry; one per message. */
const CONTENT_FIELDS = 'text, media, location, contacts, poll or reaction';

export class ContentMissingError extends SidecarError {
	constructor() {
		super(
			'CONTENT_MISSING',
			`The message has no content. Give exactly one of ${CONTENT_FIELDS} (for example {"to": "+62 812 3456 789", "text": "Hello"}).`,
		);
	}
}

export class ContentConflictError extends SidecarError {
	constructor(fields: string[]) {
		super(
			'CONTENT_CONFLICT',
			`The message has ${fields.join(' and ')}; one message carries exactly one of ${CONTENT_FIELDS}. ` +
				'Send them as separate messages (a caption goes with media, replyTo and mentions go with any of them).',
			{ fields },
		);
	}
}

export class LocationInvalidError extends SidecarError {
	constructor(problem: string) {
		super(
			'LOCATION_INVALID',
			`The location cannot be sent: ${problem}. A location is {"latitude": -6.2, "longitude": 106.8, "name"?, "address"?}, ` +
				'latitude from -90 to 90 and longitude from -180 to 180, in decimal degrees.',
		);
	}
}

export class ContactsInvalidError extends SidecarError {
	constructor(problem: string) {
		super(
			'CONTACTS_INVALID',
			`The contact cards cannot be sent: ${problem}. Give a list of 1 to 20 contacts, each {"name": "Dr. Sari", "phone": "+62 812 3456 789"}.`,
		);
	}
}

export class PollInvalidError extends SidecarError {
	constructor(problem: string) {
		super(
			'POLL_INVALID',
			`The poll cannot be sent: ${problem}. A poll is {"question": "…", "options": ["Yes", "No"], "multiple"?: false}, with 2 to 12 different options.`,
		);
	}
}

export class ReactionInvalidError extends SidecarError {
	constructor(problem: string) {
		super(
			'REACTION_INVALID',
			`The reaction cannot be sent: ${problem}. A reaction is {"messageId": "<the WhatsApp message id>", "emoji": "👍"}; an empty emoji removes your reaction.`,
		);
	}
}

export class MessageIdInvalidError extends SidecarError {
	constructor(field: string, id: string) {
		super(
			'MESSAGE_ID_INVALID',
			`${field} "${short(id)}" is not a WhatsApp message id. Use the id a message event or a sent message gave ` +
				'(like true_628123456789@c.us_3EB0A1B2C3D4 or false_628123456789@c.us_3A5F…), not a job id.',
			{ field },
		);
	}
}

export class MentionInvalidError extends SidecarError {
	constructor(mention: string, problem: string) {
		super(
			'MENTION_INVALID',
			`The mention "${short(mention)}" cannot be used: ${problem}. Mention people by phone number (+62 812 3456 789) or id (…@c.us, …@lid), ` +
				'and write @ followed by their number in the text where the mention should show.',
			{ mention },
		);
	}
}

/** Kept on a job: the message to quote or react to is not on this session's WhatsApp Web. */
export class MessageNotFoundError extends SidecarError {
	constructor(id: string, purpose: 'quote' | 'react to' | 'edit' | 'delete' | 'forward') {
		super(
			'MESSAGE_NOT_FOUND',
			`The message ${short(id)} to ${purpose} is not on this session's WhatsApp: it was deleted, is in another session's chats, ` +
				'or the id is mistyped. Nothing was sent.',
			{ messageId: id },
		);
	}
}
