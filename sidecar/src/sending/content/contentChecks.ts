import type { ContactCard, LocationContent, PollContent } from '../../contract';
import { ContactsInvalidError, LocationInvalidError, PollInvalidError, RecipientInvalidError } from '../../errors';
import { normalizeRecipient } from '../recipients';

/**
 * The checks on a location, a list of contact cards and a poll: what WhatsApp would show
 * wrongly or refuse, caught when the request comes instead of when the queue sends it.
 */

export const POLL_MIN_OPTIONS = 2;
/** WhatsApp's own limit on poll options. */
export const POLL_MAX_OPTIONS = 12;
export const CONTACTS_MAX = 20;

const CONTROL = /\p{Cc}/u;

export function checkLocation(location: { latitude: number; longitude: number; name?: string; address?: string }): LocationContent {
	const { latitude, longitude } = location;
	if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
		throw new LocationInvalidError(`latitude ${latitude} is outside -90 to 90`);
	}
	if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
		throw new LocationInvalidError(`longitude ${longitude} is outside -180 to 180`);
	}
	return { latitude, longitude, name: location.name?.trim() || null, address: location.address?.trim() || null };
}

export function checkContacts(contacts: Array<{ name: string; phone: string }>, defaultCountryCode?: string): ContactCard[] {
	if (contacts.length === 0) throw new ContactsInvalidError('the list is empty');
	if (contacts.length > CONTACTS_MAX) throw new ContactsInvalidError(`it has ${contacts.length} contacts, more than ${CONTACTS_MAX}`);
	return contacts.map((contact, index) => {
		const which = `contact ${index + 1}`;
		const name = contact.name.trim();
		if (!name) throw new ContactsInvalidError(`${which} has no name`);
		if (CONTROL.test(name)) throw new ContactsInvalidError(`the name of ${which} is not one line of text`);
		return { name, phone: phoneOf(contact.phone, which, defaultCountryCode) };
	});
}

/** A card's number: digits with the country code (the card's "Message" button opens a chat with it). */
function phoneOf(phone: string, which: string, defaultCountryCode?: string): string {
	try {
		const recipient = normalizeRecipient(phone, defaultCountryCode);
		if (recipient.number) return recipient.number;
	} catch (error) {
		if (!(error instanceof RecipientInvalidError)) throw error;
		throw new ContactsInvalidError(`the phone of ${which}, "${phone.slice(0, 40)}", is not a phone number with its country code`);
	}
	throw new ContactsInvalidError(`the phone of ${which} must be a phone number, not a chat id`);
}

export function checkPoll(poll: { question: string; options: string[]; multiple?: boolean }): PollContent {
	const question = poll.question.trim();
	if (!question) throw new PollInvalidError('the question is empty');
	const options = poll.options.map((option) => option.trim());
	if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) {
		throw new PollInvalidError(`it has ${options.length} option${options.length === 1 ? '' : 's'}`);
	}
	const empty = options.findIndex((option) => !option);
	if (empty >= 0) throw new PollInvalidError(`option ${empty + 1} is empty`);
	const seen = new Set<string>();
	for (const option of options) {
		// WhatsApp refuses a poll with the same option twice.
		if (seen.has(option.toLowerCase())) throw new PollInvalidError(`the option "${option.slice(0, 40)}" is there twice`);
		seen.add(option.toLowerCase());
	}
	return { question, options, multiple: poll.multiple === true };
}
