/**
 * A message's `reference` (an appointment id, a row) is any JSON value, and it
 * comes back exactly as it was given: the text "17" stays text, the number 17 a
 * number.
 *
 * Looking jobs up by reference (`GET /api/messages?reference=…`) takes the
 * reference written as JSON; since a URL cannot say whether `17` was meant as
 * text or number, a lookup matches both readings: the JSON value, and the raw
 * text itself.
 */
export function referenceLookupCandidates(raw: string): unknown[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return [raw];
	}
	return typeof parsed === 'string' ? [parsed] : [parsed, raw];
}

/**
 * A reference typed into an n8n field: text that is a JSON object or list (`{"appointmentId": 42}`)
 * becomes that object, since a field can only hold text; every other value stays exactly as it is.
 * Empty → undefined (no reference).
 */
export function referenceFromField(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return undefined;
	if (!/^[[{]/.test(text)) return value;
	try {
		return JSON.parse(text);
	} catch {
		return value;
	}
}
