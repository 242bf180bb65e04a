import type { ContactCard } from '../../contract';

/**
 * A contact card as WhatsApp writes one: vCard 3.0 with the number in `waid`, which is what
 * gives the card its "Message" and "Add contact" buttons on the phone.
 */
export function vcardOf(card: ContactCard): string {
	const name = escapeValue(card.name);
	return [
		'BEGIN:VCARD',
		'VERSION:3.0',
		`N:;${name};;;`,
		`FN:${name}`,
		`TEL;type=CELL;type=VOICE;waid=${card.phone}:+${card.phone}`,
		'END:VCARD',
	].join('\n');
}

/** vCard text values escape backslashes, commas and semicolons (RFC 6350 3.4); names are one line (checked on accept). */
function escapeValue(text: string): string {
	return text.replace(/[\\,;]/g, (c) => `\\${c}`);
}
