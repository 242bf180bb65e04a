import { vcardOf } from '../../../../sidecar/src/sessions/engine/vcard';
import { checkEmoji } from '../../../../sidecar/src/sending/content/emoji';

describe('contact cards as WhatsApp writes them', () => {
	it('is a vCard 3.0 with the name and the number as waid (the card\'s Message button)', () => {
		expect(vcardOf({ name: 'Dr. Sari', phone: '6281200001111' }).split('\n')).toEqual([
			'BEGIN:VCARD',
			'VERSION:3.0',
			'N:;Dr. Sari;;;',
			'FN:Dr. Sari',
			'TEL;type=CELL;type=VOICE;waid=6281200001111:+6281200001111',
			'END:VCARD',
		]);
	});

	it('escapes what would break the card open: commas, semicolons, backslashes', () => {
		expect(vcardOf({ name: 'Sari; ENT, North\\South', phone: '6281200001111' })).toContain('FN:Sari\\; ENT\\, North\\\\South');
	});
});

describe('a reaction\'s emoji', () => {
	it.each(['👍', '❤️', '👍🏽', '👨‍👩‍👧', '🇮🇩', '1️⃣', ''])('takes %p', (emoji) => expect(checkEmoji(` ${emoji} `)).toBe(emoji));
	it.each(['ok', '👍👍', 'a👍', ':)'])('refuses %p', (text) => expect(() => checkEmoji(text)).toThrow(/not one emoji/));
});
