import { PairingPhoneInvalidError } from '../errors';

/** E.164 allows up to 15 digits; below 8 no real mobile number is left. */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;
const SEPARATORS = /[\s\-./()]/g;

/**
 * The number a pairing code is asked for, as WhatsApp wants it: international, digits only
 * (`+62 812-3456-789` → `628123456789`). A national number (a leading 0) is refused rather
 * than guessed: the code only ever arrives on the phone with exactly this number.
 */
export function pairingPhone(input: string): string {
	const text = String(input ?? '').trim();
	if (!text) throw new PairingPhoneInvalidError(text, 'it is empty');
	const compact = text.replace(SEPARATORS, '');
	if (!/^(\+|00)?\d+$/.test(compact)) throw new PairingPhoneInvalidError(text, 'a phone number has only digits, spaces, dashes, dots and parentheses');
	const digits = compact.replace(/^(\+|00)/, '');
	if (compact === digits && digits.startsWith('0')) throw new PairingPhoneInvalidError(text, 'it has no country code (it starts with 0)');
	if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
		throw new PairingPhoneInvalidError(text, `a number with its country code has ${MIN_DIGITS} to ${MAX_DIGITS} digits, this one ${digits.length}`);
	}
	return digits;
}
