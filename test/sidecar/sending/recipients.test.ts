import { httpStatusOf } from '../../../sidecar/src/http/errorStatus';
import { RecipientInvalidError } from '../../../sidecar/src/errors';
import { normalizeRecipient } from '../../../sidecar/src/sending/recipients';

const user = (digits: string) => ({ chatId: `${digits}@c.us`, kind: 'user', number: digits });

function invalid(to: string, defaultCountryCode?: string): RecipientInvalidError {
	try {
		normalizeRecipient(to, defaultCountryCode);
	} catch (error) {
		expect(error).toBeInstanceOf(RecipientInvalidError);
		return error as RecipientInvalidError;
	}
	throw new Error(`"${to}" was accepted`);
}

describe('normalizeRecipient', () => {
	it.each([
		'+62 812-3456-789',
		'+62 (812) 3456 789',
		'+628123456789',
		'0062 812 3456 789',
		'628123456789',
		' 62.812.3456.789 ',
	])('reads the international number %p', (to) => {
		expect(normalizeRecipient(to)).toEqual(user('628123456789'));
	});

	it('reads a national number with the default country code', () => {
		expect(normalizeRecipient('0812-3456-789', '62')).toEqual(user('628123456789'));
		expect(normalizeRecipient('0812-3456-7890', '62')).toEqual(user('6281234567890'));
		expect(normalizeRecipient('0812 3456 7890', '+62')).toEqual(user('6281234567890'));
	});

	it('keeps the leading 0 where the country does (Italy)', () => {
		expect(normalizeRecipient('06 1234 5678', '39')).toEqual(user('390612345678'));
	});

	it('does not use the default country code for international forms', () => {
		expect(normalizeRecipient('+39 06 1234 5678', '62')).toEqual(user('390612345678'));
		expect(normalizeRecipient('628123456789', '39')).toEqual(user('628123456789'));
	});

	it('keeps user chat ids and rewrites @s.whatsapp.net to @c.us', () => {
		expect(normalizeRecipient('628123456789@c.us')).toEqual(user('628123456789'));
		expect(normalizeRecipient('628123456789@s.whatsapp.net')).toEqual(user('628123456789'));
		expect(normalizeRecipient('628123456789@C.US')).toEqual(user('628123456789'));
	});

	it('recognises group ids, new and old form', () => {
		expect(normalizeRecipient('120363012345678901@g.us')).toEqual({ chatId: '120363012345678901@g.us', kind: 'group' });
		expect(normalizeRecipient('628123456789-1612345678@g.us')).toEqual({
			chatId: '628123456789-1612345678@g.us',
			kind: 'group',
		});
	});

	it('keeps linked ids (…@lid), which name a person without a phone number', () => {
		expect(normalizeRecipient('201234567890123@lid')).toEqual({ chatId: '201234567890123@lid', kind: 'user' });
		expect(normalizeRecipient(' 201234567890123@LID ')).toEqual({ chatId: '201234567890123@lid', kind: 'user' });
		expect(invalid('+20 123@lid').message).toMatch(/linked id.*digits only/);
		expect(invalid('12@lid').code).toBe('RECIPIENT_INVALID');
	});

	it('refuses other chat id suffixes and malformed ids', () => {
		expect(invalid('628123456789@newsletter').message).toMatch(/@c\.us or @lid.*@g\.us/);
		expect(invalid('628123456789@broadcast').code).toBe('RECIPIENT_INVALID');
		expect(invalid('abc@c.us').code).toBe('RECIPIENT_INVALID');
		expect(invalid('group@g.us').code).toBe('RECIPIENT_INVALID');
		expect(invalid('@c.us').code).toBe('RECIPIENT_INVALID');
	});

	it('refuses letters, wrong lengths and empty input with a message that says how to write it', () => {
		const letters = invalid('+62 812 CALL ME');
		expect(letters.code).toBe('RECIPIENT_INVALID');
		expect(httpStatusOf(letters.code)).toBe(400);
		expect(letters.message).toContain('"+62 812 CALL ME"');
		expect(letters.message).toMatch(/with the country code, like \+62 812 3456 789/);
		expect(letters.details).toEqual({ to: '+62 812 CALL ME' });
		expect(invalid('+62 812').message).toMatch(/5 digits/);
		expect(invalid('+62 812 3456 7890 1234').message).toMatch(/17 digits/);
		expect(invalid('').message).toMatch(/empty/);
		expect(invalid('   ').message).toMatch(/empty/);
		expect(invalid('+').code).toBe('RECIPIENT_INVALID');
	});

	it('refuses numbers no country could have', () => {
		expect(invalid('+999 1234 5678').message).toMatch(/not a possible phone number/);
		expect(invalid('+62 1').code).toBe('RECIPIENT_INVALID');
	});

	it('needs a default country code for a national number', () => {
		expect(invalid('0812-3456-789').message).toMatch(/no default country code/);
		expect(invalid('0812-3456-789', 'ID').message).toMatch(/not a calling code/);
		expect(invalid('0812', '62').code).toBe('RECIPIENT_INVALID');
	});
});
