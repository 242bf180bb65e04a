import { ReactionInvalidError } from '../../errors';

/** Pictographs, flags (pairs of regional indicators) and keycaps (1️⃣): what WhatsApp shows as one emoji. */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * A reaction is one emoji (with its skin tone or joined parts) or nothing, which removes the
 * reaction. WhatsApp Web shows other text as a broken reaction, so it is refused here.
 */
export function checkEmoji(emoji: string): string {
	const trimmed = emoji.trim();
	if (trimmed === '') return '';
	const count = [...graphemes.segment(trimmed)].length;
	if (count !== 1 || !EMOJI.test(trimmed)) {
		throw new ReactionInvalidError(`"${trimmed.slice(0, 20)}" is not one emoji`);
	}
	return trimmed;
}
