import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { RecipientInvalidError } from '../errors';

/**
 * Turns what a user writes in the "To" field into a WhatsApp chat id.
 *
 * Phone numbers become `<digits>@c.us`. Digits without a plus are taken as already
 * international (WhatsApp's own convention: `628123456789`); only a number starting
 * with a single 0 is national and needs the default country code. Chat ids pass
 * through: `@c.us`, `@s.whatsapp.net` (the same user, as other libraries write it),
 * linked ids `@lid` (people WhatsApp addresses without their number: a `message`
 * event's `chatId` or `sender` then ends so, and a reply goes to it) and groups `@g.us`.
 */
export interface Recipient {
	chatId: string;
	kind: 'user' | 'group';
	/** International number without the plus, for users addressed by phone (not for a `…@lid`). */
	number?: string;
}

/** E.164 allows up to 15 digits; below 8 no real mobile number is left. */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

// Spaces, dashes, dots, slashes and parentheses are how numbers get written; nothing else is.
const SEPARATORS = /[\s\-./()]/g;

// Groups: new ids are long numbers (120363…); old ones are `<creator number>-<unix time>`.
const GROUP_ID = /^(\d{10,25}|\d{5,15}-\d{9,11})$/;
// Linked ids are opaque numbers WhatsApp hands out (about 15 digits today); no phone number inside.
const LID = /^\d{6,20}$/;

export function normalizeRecipient(to: string, defaultCountryCode?: string): Recipient {
	const text = (to ?? '').trim();
	if (!text) throw new RecipientInvalidError(to ?? '', 'it is empty');
	if (text.includes('@')) return chatIdRecipient(to, text);

	const compact = text.replace(SEPARATORS, '');
	if (!/^(\+|00)?\d+$/.test(compact)) {
		throw new RecipientInvalidError(to, 'a phone number has only digits, spaces, dashes, dots and parentheses');
	}
	if (compact.startsWith('+')) return userRecipient(to, compact.slice(1));
	if (compact.startsWith('00')) return userRecipient(to, compact.slice(2));
	if (compact.startsWith('0')) return nationalRecipient(to, text, defaultCountryCode);
	return userRecipient(to, compact);
}

function chatIdRecipient(to: string, text: string): Recipient {
	const at = text.lastIndexOf('@');
	const user = text.slice(0, at);
	const server = text.slice(at + 1).toLowerCase();
	if (server === 'g.us') {
		if (!GROUP_ID.test(user)) throw new RecipientInvalidError(to, 'that is not how a group id looks (120363…@g.us)');
		return { chatId: `${user}@g.us`, kind: 'group' };
	}
	if (server === 'c.us' || server === 's.whatsapp.net') return userRecipient(to, user);
	if (server === 'lid') {
		if (!LID.test(user)) throw new RecipientInvalidError(to, 'that is not how a linked id looks (digits only, like 123456789012345@lid)');
		return { chatId: `${user}@lid`, kind: 'user' };
	}
	throw new RecipientInvalidError(to, `chat ids end in @c.us or @lid (people) or @g.us (groups), not @${server}`);
}

/**
 * National form (0812 3456 789). Converted by libphonenumber-js, not by swapping the 0
 * for the calling code, because the trunk prefix differs per country: Indonesia drops
 * the 0 (+62 812…), Italy keeps it as part of the number (+39 06…).
 */
function nationalRecipient(to: string, text: string, defaultCountryCode?: string): Recipient {
	const callingCode = defaultCountryCode?.replace(/^\+/, '').trim();
	if (!callingCode) {
		throw new RecipientInvalidError(to, 'it has no country code and the sidecar has no default country code set');
	}
	if (!/^\d{1,4}$/.test(callingCode)) {
		throw new RecipientInvalidError(
			to,
			`the default country code "${defaultCountryCode}" is not a calling code like 62`,
		);
	}
	const parsed = parsePhoneNumberFromString(text, { defaultCallingCode: callingCode });
	if (!parsed) throw new RecipientInvalidError(to, `it is not a phone number of country code +${callingCode}`);
	return userRecipient(to, parsed.number.slice(1));
}

function userRecipient(to: string, digits: string): Recipient {
	if (!/^\d+$/.test(digits)) throw new RecipientInvalidError(to, 'a WhatsApp user id is the phone number in digits');
	if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
		throw new RecipientInvalidError(
			to,
			`it has ${digits.length} digits with the country code, and a phone number has ${MIN_DIGITS} to ${MAX_DIGITS}`,
		);
	}
	// isPossible, not isValid: valid ranges change, and test or newly issued numbers must still go through.
	const parsed = parsePhoneNumberFromString(`+${digits}`);
	if (!parsed?.isPossible()) {
		throw new RecipientInvalidError(
			to,
			`+${digits} is not a possible phone number (check the country code and length)`,
		);
	}
	return { chatId: `${digits}@c.us`, kind: 'user', number: digits };
}
