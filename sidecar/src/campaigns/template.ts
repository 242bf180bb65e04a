/**
 * Campaign templates (issue 15): `Hello {{name}}, see you on {{date}}`, rendered
 * per contact from the variables of their message. Deliberately tiny: names and
 * nothing else (no logic, no HTML escaping: the text goes to WhatsApp as is).
 * Spaces inside the braces are allowed (`{{ name }}`); `{{{{` is not special.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export type TemplateVariables = Record<string, string | number | boolean | null>;

/** The variable names a template uses, each once, in order of first use. */
export function templateVariables(template: string): string[] {
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * The text for one contact, or the variables it lacks. A variable that is given but null or empty
 * counts as missing: "Hello , your appointment is on " is worse than no message.
 */
export function renderTemplate(template: string, variables: TemplateVariables = {}): { text: string } | { missing: string[] } {
	const missing = templateVariables(template).filter((name) => !hasValue(variables, name));
	if (missing.length) return { missing };
	return { text: template.replace(PLACEHOLDER, (_, name: string) => String(variables[name])) };
}

function hasValue(variables: TemplateVariables, name: string): boolean {
	if (!Object.prototype.hasOwnProperty.call(variables, name)) return false;
	const value = variables[name];
	return value !== null && value !== undefined && String(value).trim() !== '';
}
