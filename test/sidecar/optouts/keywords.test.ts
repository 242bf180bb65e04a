import { KeywordMatcher, normalizeKeyword } from '../../../sidecar/src/optouts/keywords';

describe('opt-out keywords', () => {
	const matcher = new KeywordMatcher(['BERHENTI', 'arrêter'], ['MULAI']);

	it.each(['STOP', 'stop', 'Stop', ' sToP ', 'STOP.', 'stop!!', '¡STOP!', 'UNSUBSCRIBE', 'unsubscribe', 'ŚTÓP', 'stöp'])(
		'"%s" is an opt-out, whatever its case, accents and surrounding punctuation',
		(text) => {
			expect(matcher.match(text)?.action).toBe('opt_out');
		},
	);

	it('the configured words count too, accents ignored on both sides', () => {
		expect(matcher.match('berhenti')).toEqual({ action: 'opt_out', keyword: 'BERHENTI' });
		expect(matcher.match('ARRETER')).toEqual({ action: 'opt_out', keyword: 'ARRETER' });
		expect(matcher.match('Arrêter')).toEqual({ action: 'opt_out', keyword: 'ARRETER' });
		expect(matcher.match('mulai')).toEqual({ action: 'opt_in', keyword: 'MULAI' });
	});

	it.each(['please stop', 'STOP it', "don't stop", 'stopp', 'S T O P', 'STOP STOP', 'unsubscribe me', '', '   '])(
		'"%s" is not: only the whole message counts',
		(text) => {
			expect(matcher.match(text)).toBeUndefined();
		},
	);

	it('START opts in; a message without text is nothing', () => {
		expect(matcher.match('Start')).toEqual({ action: 'opt_in', keyword: 'START' });
		expect(matcher.match(undefined)).toBeUndefined();
	});

	it('a word configured as both is an opt-out (the safe side)', () => {
		expect(new KeywordMatcher([], ['STOP']).match('stop')?.action).toBe('opt_out');
	});

	it('normalizes case, accents, outer punctuation and inner spaces', () => {
		expect(normalizeKeyword('  ne   plus, ')).toBe('NE PLUS');
		expect(normalizeKeyword('Ñó')).toBe('NO');
	});
});
