import { SETTINGS, type Setting, type SettingName } from './settings';

/**
 * A setting's default as people should read it, in Markdown: the value the schema
 * gives an unset variable, with the unit spelled out for durations and sizes
 * (`604800000` (7 days)), so nobody has to count zeros. --help strips the backticks.
 */
export function shownDefault(name: SettingName): string {
	const setting: Setting = SETTINGS[name];
	if (setting.shownDefault !== undefined) return setting.shownDefault;
	const parsed = setting.schema.safeParse(undefined);
	if (!parsed.success || parsed.data === undefined) return 'none';
	const value = parsed.data;
	if (typeof value !== 'number') return `\`${String(value)}\``;
	const unit = name.endsWith('_MS') ? duration(value) : name.endsWith('_BYTES') ? size(value) : undefined;
	return unit && unit !== String(value) ? `\`${value}\` (${unit})` : `\`${value}\``;
}

const DURATIONS: Array<[number, string, string]> = [
	[86_400_000, 'day', 'days'],
	[3_600_000, 'hour', 'hours'],
	[60_000, 'minute', 'minutes'],
	[1_000, 'second', 'seconds'],
];

/** The largest unit that divides it evenly: 90000 → 90 seconds, 900000 → 15 minutes. */
export function duration(ms: number): string {
	for (const [unit, one, many] of DURATIONS) {
		if (ms >= unit && ms % unit === 0) return `${ms / unit} ${ms === unit ? one : many}`;
	}
	return `${ms} ms`;
}

const SIZES: Array<[number, string]> = [
	[1024 * 1024 * 1024, 'GiB'],
	[1024 * 1024, 'MiB'],
	[1024, 'KiB'],
];

/** 16777216 → 16 MiB; sizes that are no whole KiB stay in bytes. */
export function size(bytes: number): string {
	for (const [unit, name] of SIZES) {
		if (bytes >= unit && bytes % unit === 0) return `${bytes / unit} ${name}`;
	}
	return `${bytes} bytes`;
}
