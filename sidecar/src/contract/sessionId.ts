/**
 * A session id becomes a folder name (its Chrome profile), so it is limited to
 * letters, digits, "-" and "_". The pattern's text is for n8n's field validation
 * and OpenAPI; the RegExp for code.
 */
export const SESSION_ID_PATTERN_SOURCE = '^[A-Za-z0-9_-]{1,64}$';
export const SESSION_ID_PATTERN = new RegExp(SESSION_ID_PATTERN_SOURCE);
export const SESSION_ID_RULE = 'use 1 to 64 letters, digits, "-" or "_" (it becomes a folder name)';

export function isSessionId(value: string): boolean {
	return SESSION_ID_PATTERN.test(value);
}
