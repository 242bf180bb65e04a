import { referenceFromField, referenceLookupCandidates } from '../../../sidecar/src/contract';

describe('referenceFromField (a reference typed into an n8n field)', () => {
	it('keeps non-text values and treats empty as none', () => {
		expect(referenceFromField({ a: 1 })).toEqual({ a: 1 });
		expect(referenceFromField(7)).toBe(7);
		expect(referenceFromField('  ')).toBeUndefined();
		expect(referenceFromField(null)).toBeUndefined();
	});

	it('reads an object or list typed as JSON, and keeps every other text exactly as given', () => {
		expect(referenceFromField('{"appointmentId": 42}')).toEqual({ appointmentId: 42 });
		expect(referenceFromField('[1, 2]')).toEqual([1, 2]);
		// Digits from an expression are text, and stay text (they used to become the number 17).
		expect(referenceFromField('17')).toBe('17');
		expect(referenceFromField('-3')).toBe('-3');
		expect(referenceFromField('007')).toBe('007');
		expect(referenceFromField('A-17')).toBe('A-17');
		expect(referenceFromField('true')).toBe('true');
		expect(referenceFromField('{not json')).toBe('{not json');
	});
});

describe('referenceLookupCandidates (GET /api/messages?reference=…)', () => {
	it('matches the JSON value and the text, since a URL cannot tell "17" from 17', () => {
		expect(referenceLookupCandidates('17')).toEqual([17, '17']);
		expect(referenceLookupCandidates('{"appointmentId":42}')).toEqual([{ appointmentId: 42 }, '{"appointmentId":42}']);
		expect(referenceLookupCandidates('"17"')).toEqual(['17']);
		expect(referenceLookupCandidates('A-17')).toEqual(['A-17']);
	});
});
