import { parseArgs } from 'util';
import { SETTING_NAMES, flagName } from './settings';

// --help is rendered from the settings table (helpText.ts); flags mirror settings.
export { helpText } from './helpText';
export { flagName } from './settings';

export interface CliOptions {
	env: NodeJS.ProcessEnv;
	help: boolean;
	version: boolean;
	qrTerminal: boolean;
}

/** `--port 3200` is SIDECAR_PORT=3200: every flag mirrors an environment variable and wins over it. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			...Object.fromEntries(SETTING_NAMES.map((n) => [flagName(n), { type: 'string' as const }])),
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'v' },
			'qr-terminal': { type: 'boolean' },
		},
	});
	const given = values as Record<string, string | boolean | undefined>;
	const fromFlags = Object.fromEntries(
		SETTING_NAMES.filter((n) => given[flagName(n)] !== undefined).map((n) => [n, String(given[flagName(n)])]),
	);
	return {
		env: { ...env, ...fromFlags },
		help: Boolean(values.help),
		version: Boolean(values.version),
		qrTerminal: Boolean(values['qr-terminal']),
	};
}
