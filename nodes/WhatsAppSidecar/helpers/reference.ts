import { jsonParse } from 'n8n-workflow';

/**
 * A reference as typed in a field. Text that looks like JSON (an object, a list,
 * a number or "quoted text") becomes that JSON value, so `{"appointmentId": 42}`
 * and `42` match what a workflow stored from data; anything else stays text.
 * A value from an expression that is not text is kept as it is. Empty → undefined.
 */
export function parseReference(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return undefined;
	if (!/^[[{"\-0-9]/.test(text)) return text;
	const parsed = jsonParse<unknown>(text, { fallbackValue: text });
	// "1e3" or "007" are not meant as numbers: keep a number only when it reads back the same.
	if (typeof parsed === 'number' && String(parsed) !== text) return text;
	return parsed;
}
