import { shownDefault } from './settingDefault';
import { SETTING_GROUPS, SETTING_NAMES, SETTINGS, flagName, type SettingGroup } from './settings';

const WIDTH = 100;
const INDENT = '      ';

/**
 * `whatsapp-sidecar --help`: every setting from settings.ts, by group, with its
 * flag, variable, default and meaning (the README's table says the same, made from
 * the same table). Meanings are Markdown there; here the backticks go.
 */
export function helpText(): string {
	const groups = Object.keys(SETTING_GROUPS) as SettingGroup[];
	const sections = groups.map((group) => [
		`${SETTING_GROUPS[group]}:`,
		...SETTING_NAMES.filter((name) => SETTINGS[name].group === group).flatMap((name) => [
			`  --${flagName(name)} <value>  [${name}]  default: ${plain(shownDefault(name))}`,
			...wrap(plain(SETTINGS[name].meaning), WIDTH - INDENT.length).map((line) => INDENT + line),
		]),
		'',
	]);
	return [
		'whatsapp-sidecar: supervised WhatsApp Web sessions for n8n',
		'',
		'Usage: whatsapp-sidecar [options]',
		'',
		'Every option can also be set with the environment variable in brackets; the flag wins.',
		'',
		...sections.flat(),
		'Other options:',
		'  --qr-terminal   print each new session QR code in this terminal',
		'  --version, -v   print the version',
		'  --help, -h      print this help',
	].join('\n');
}

function plain(markdown: string): string {
	return markdown.replace(/`/g, '');
}

/** Breaks text at spaces into lines of at most `width` characters (longer words stay whole). */
export function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}
