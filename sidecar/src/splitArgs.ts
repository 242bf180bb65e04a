/**
 * Splits a command-line string the way a shell would for simple cases: spaces
 * separate arguments, and single or double quotes keep spaces inside one
 * (`--host-resolver-rules="MAP a 127.0.0.1:1"` is one argument).
 */
export function splitArgs(text: string): string[] {
	const args: string[] = [];
	let current = '';
	let quote: '"' | "'" | undefined;
	let inArg = false;
	for (const char of text) {
		if (quote) {
			if (char === quote) quote = undefined;
			else current += char;
		} else if (char === '"' || char === "'") {
			quote = char;
			inArg = true;
		} else if (/\s/.test(char)) {
			if (inArg) args.push(current);
			current = '';
			inArg = false;
		} else {
			current += char;
			inArg = true;
		}
	}
	if (quote) throw new Error(`unclosed ${quote} in "${text}"`);
	if (inArg) args.push(current);
	return args;
}
