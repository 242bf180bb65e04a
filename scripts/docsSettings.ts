import fs from 'fs';
import path from 'path';
import { shownDefault } from '../sidecar/src/settingDefault';
import { SETTING_GROUPS, SETTING_NAMES, SETTINGS, type SettingGroup } from '../sidecar/src/settings';

/**
 * `npm run docs:settings`: writes the README's settings tables from
 * sidecar/src/settings.ts, between the two marker comments below, and leaves the
 * rest of the README alone. test/sidecar/settings.test.ts fails when the README's
 * tables differ from what this would write, so an edited setting cannot be forgotten.
 */

export const README = path.join(__dirname, '..', 'README.md');
export const START = '<!-- settings:start -->';
export const END = '<!-- settings:end -->';

/** One small table per group, one row per setting, in the order settings.ts declares them. */
export function settingsMarkdown(): string {
	const groups = Object.keys(SETTING_GROUPS) as SettingGroup[];
	const tables = groups.map((group) =>
		[
			`**${SETTING_GROUPS[group]}**`,
			'',
			'| Variable | Default | Meaning |',
			'|---|---|---|',
			...SETTING_NAMES.filter((name) => SETTINGS[name].group === group).map(
				(name) => `| \`${name}\` | ${cell(shownDefault(name))} | ${cell(SETTINGS[name].meaning)} |`,
			),
		].join('\n'),
	);
	const note = '<!-- Written by `npm run docs:settings` from sidecar/src/settings.ts: edit the settings there, not here. -->';
	return [note, ...tables].join('\n\n');
}

/** A pipe would end the cell early. */
function cell(markdown: string): string {
	return markdown.replace(/\|/g, '\\|');
}

/** The README with the text between the markers replaced by the generated tables. */
export function withSettings(readme: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md needs ${START} followed by ${END} where the settings go`);
	return `${readme.slice(0, start + START.length)}\n${settingsMarkdown()}\n${readme.slice(end)}`;
}

if (require.main === module) {
	const before = fs.readFileSync(README, 'utf8');
	const after = withSettings(before);
	if (after === before) {
		console.log('README.md: settings already up to date');
	} else {
		fs.writeFileSync(README, after);
		console.log('README.md: settings rewritten from sidecar/src/settings.ts');
	}
}
