/**
 * Chromium flags for a headless WhatsApp Web session.
 *
 * The background-networking, component-update and sync flags stop Chromium from
 * calling Google services on its own: on a closed network those calls fail many
 * at a time, and elsewhere they only cost memory. --no-sandbox is added only where
 * Chromium cannot start without it (running as root) or when configured, because
 * the sandbox is what protects the machine from a compromised page.
 */
export const BASE_CHROMIUM_ARGS = [
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--no-default-browser-check',
	'--mute-audio',
];

export interface ChromiumArgsOptions {
	noSandbox: 'auto' | boolean;
	extraArgs?: string[];
	/** Injectable for tests; defaults to the current process' uid. */
	uid?: number;
}

export function needsNoSandbox(noSandbox: 'auto' | boolean, uid = currentUid()): boolean {
	return noSandbox === 'auto' ? uid === 0 : noSandbox;
}

export function chromiumArgs(options: ChromiumArgsOptions): string[] {
	const args = [...BASE_CHROMIUM_ARGS];
	if (needsNoSandbox(options.noSandbox, options.uid)) args.push('--no-sandbox');
	for (const arg of options.extraArgs ?? []) {
		if (arg.startsWith('--disable-web-security')) {
			throw new Error('--disable-web-security is refused: it would let any page read any other site');
		}
		if (!args.includes(arg)) args.push(arg);
	}
	return args;
}

function currentUid(): number {
	return typeof process.getuid === 'function' ? process.getuid() : -1;
}
