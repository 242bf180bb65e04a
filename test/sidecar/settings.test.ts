import fs from 'fs';
import { END, README, START, withSettings } from '../../scripts/docsSettings';
import { helpText, parseCli } from '../../sidecar/src/cli';
import { ENV_SCHEMA } from '../../sidecar/src/config';
import { duration, shownDefault, size } from '../../sidecar/src/settingDefault';
import { SETTING_NAMES, flagName } from '../../sidecar/src/settings';

/**
 * settings.ts is the one declaration of the sidecar's settings. These tests keep
 * what is made from it (the schema, --help, the README's tables) and what is
 * written by hand around it (the rest of the README) from drifting apart.
 */
const readme = fs.readFileSync(README, 'utf8');
const configured = Object.keys(ENV_SCHEMA.shape);

function settingsSection(text: string): string {
	return text.slice(text.indexOf(START), text.indexOf(END) + END.length);
}

describe('the sidecar settings', () => {
	it('has every SIDECAR_ variable the README names anywhere', () => {
		const named = new Set(readme.match(/\bSIDECAR_[A-Z0-9_]*[A-Z0-9]\b/g));
		expect([...named].filter((name) => !configured.includes(name))).toEqual([]);
	});

	it('are all in the README', () => {
		expect(configured.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
	});

	it('match the README tables, which `npm run docs:settings` rewrites', () => {
		expect(readme).toContain(START);
		expect(settingsSection(readme)).toBe(settingsSection(withSettings(readme)));
	});

	it('are each in --help with their flag, and each flag sets its variable', () => {
		const help = helpText();
		expect(SETTING_NAMES).toEqual(configured);
		for (const name of SETTING_NAMES) {
			expect(help).toContain(`--${flagName(name)} <value>  [${name}]`);
			expect(parseCli([`--${flagName(name)}`, 'x'], {}).env[name]).toBe('x');
		}
	});

	it('show defaults with their unit, as the schema has them', () => {
		expect(shownDefault('SIDECAR_JOB_RETENTION_MS')).toBe('`604800000` (7 days)');
		expect(shownDefault('SIDECAR_MEDIA_MAX_BYTES')).toBe('`16777216` (16 MiB)');
		expect(shownDefault('SIDECAR_PORT')).toBe('`3100`');
		expect(shownDefault('SIDECAR_API_KEY')).toBe('generated');
		expect(shownDefault('SIDECAR_CHROMIUM_ARGS')).toBe('none');
		expect([duration(90_000), duration(1_500), size(1000)]).toEqual(['90 seconds', '1500 ms', '1000 bytes']);
	});
});
