import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * The Message Trigger's "Events" choice: messages (the default, as before the choice existed) and
 * what people do to messages, and calls. Values are the sidecar's event types.
 */
export const MESSAGE_TRIGGER_EVENTS = [
	{ name: 'Messages', value: 'message', event: 'message', description: 'A message arrived (or was written on the phone, unless own messages are ignored)' },
	{ name: 'Reactions', value: 'message.reaction', event: 'reaction', description: 'Someone reacted to a message with an emoji, or took their reaction back (removed is true, emoji empty)' },
	{ name: 'Edits', value: 'message.edited', event: 'edit', description: 'Someone edited a message: the new text, and the one before when known' },
	{ name: 'Deletions', value: 'message.revoked', event: 'deletion', description: 'A message was deleted for everyone (or by this account for itself: for is "me")' },
	{ name: 'Poll Votes', value: 'poll.vote', event: 'poll_vote', description: 'Someone voted in a poll: the names of the options they chose (none: they took the vote back)' },
	{ name: 'Incoming Calls', value: 'call', event: 'call', description: 'Someone is calling this WhatsApp account (a session can decline calls by itself: its calls setting)' },
	// Opt-outs (issue 15)
	{ name: 'Opt-Outs', value: 'contact.opted_out', event: 'opted_out', description: 'A contact wrote an opt-out keyword (STOP, UNSUBSCRIBE, …) or was added to the opt-out list: bulk messages to them are skipped from now on' },
	{ name: 'Opt-Ins', value: 'contact.opted_in', event: 'opted_in', description: 'A contact wrote START or was removed from the opt-out list: bulk messages reach them again' },
] as const;

export type MessageTriggerEvent = (typeof MESSAGE_TRIGGER_EVENTS)[number]['value'];

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: MESSAGE_TRIGGER_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
	default: ['message'],
	description:
		'What starts the workflow. Each item says what happened in <b>event</b> (message items: eventType), who in <b>phone</b>, and for reactions, edits, deletions and votes which message in <b>messageId</b>, with the <b>reference</b> you gave when the sidecar sent it.',
};

/** The events chosen; none chosen means messages, as before the choice existed. */
export function chosenEvents(value: unknown): MessageTriggerEvent[] {
	const known = new Set<string>(MESSAGE_TRIGGER_EVENTS.map((e) => e.value));
	const chosen = (Array.isArray(value) ? value : []).filter((v): v is MessageTriggerEvent => typeof v === 'string' && known.has(v));
	return chosen.length ? [...new Set(chosen)] : ['message'];
}

/**
 * The item of a reaction, edit, deletion, vote or call: the payload, with `event` (a short name
 * to switch on) and `phone` (the person's number: whoever did it, or for this account's own
 * doings the chat's) where a message item has it; a call also gets `chatId` (the caller) to reply to.
 */
export function activityFields(type: string, payload: IDataObject): IDataObject {
	const event = MESSAGE_TRIGGER_EVENTS.find((e) => e.value === type)?.event ?? type;
	if (type === 'call') return { event, phone: payload.fromPhone ?? null, chatId: payload.from };
	if (type === 'contact.opted_out' || type === 'contact.opted_in') return { event, phone: payload.phone ?? null };
	const fields: IDataObject = { event, phone: (payload.fromMe ? payload.chatPhone : payload.senderPhone) ?? null };
	if (type === 'poll.vote' && Array.isArray(payload.selectedOptions)) fields.selectedText = payload.selectedOptions.join(', ');
	return fields;
}
