import { parseArgs } from 'util';
import { ENV_SCHEMA, type EnvName } from './config';

/** What each setting means, for --help (README has the same table). */
const HELP: Record<EnvName, string> = {
	SIDECAR_HOST: 'address to listen on (default 127.0.0.1; other addresses need an API key)',
	SIDECAR_PORT: 'port (default 3100)',
	SIDECAR_API_KEY: 'API key, at least 16 characters (default: generated and kept in the data folder)',
	SIDECAR_DATA_DIR: 'folder for state and session logins (default ./data)',
	SIDECAR_START_FRESH: 'true: start on an empty database although the data folder holds session logins (after the database was lost; default false)',
	SIDECAR_LOG_LEVEL: 'fatal|error|warn|info|debug|trace|silent (default info)',
	SIDECAR_MAX_SESSIONS: 'most sessions at once; each runs a browser (default 10)',
	SIDECAR_CHROMIUM_PATH: 'browser executable (default: CHROME_PATH, puppeteer download, chromium on PATH)',
	SIDECAR_CHROMIUM_NO_SANDBOX: 'auto|true|false: --no-sandbox (auto: only as root)',
	SIDECAR_CHROMIUM_ARGS: 'extra Chromium flags, space-separated, quotes allowed; as a flag: --chromium-args="--a --b"',
	SIDECAR_WEB_VERSION: 'WhatsApp Web version to pin (default the library\'s)',
	SIDECAR_WEB_VERSION_CACHE: 'local (keep the page in the data folder) or none',
	SIDECAR_BACKOFF_BASE_MS: 'first restart wait window (default 1000)',
	SIDECAR_BACKOFF_CAP_MS: 'longest restart wait (default 300000)',
	SIDECAR_BACKOFF_MAX_ATTEMPTS: 'failed restarts in a row before FAILED (default 10)',
	SIDECAR_HEALTHY_RESET_MS: 'READY this long resets the failure count (default 120000)',
	SIDECAR_START_TIMEOUT_MS: 'longest a start may take before it counts as failed (default 90000)',
	SIDECAR_DESTROY_TIMEOUT_MS: 'longest a browser may take to close before it is killed (default 10000)',
	SIDECAR_WATCHDOG_INTERVAL_MS: 'how often READY sessions are probed (default 30000)',
	SIDECAR_WATCHDOG_TIMEOUT_MS: 'how long a probe may take (default 15000)',
	SIDECAR_NOT_CONNECTED_MS: 'longest WhatsApp Web may stay disconnected while READY (default 60000)',
	SIDECAR_QR_MAX: 'unscanned QRs before a start gives up with QR_TIMEOUT (default 6)',
	SIDECAR_QR_START_LIMIT: 'starts that show a QR allowed per window (default 5)',
	SIDECAR_QR_START_WINDOW_MS: 'that window (default 900000)',
	SIDECAR_CONFLICT_POLICY: 'wait|takeover when WhatsApp is opened elsewhere (default wait)',
	SIDECAR_CONFLICT_WAIT_MS: 'how long to wait after a conflict (default 600000)',
	SIDECAR_START_STAGGER_MS: 'delay between sessions restored at boot (default 3000)',
	SIDECAR_SHUTDOWN_TIMEOUT_MS: 'longest a shutdown may take before browsers are killed (default 20000)',
	SIDECAR_PACING: 'on|off; off removes send gaps, caps and warm-up (tests and sandboxes only; default on)',
	SIDECAR_DEFAULT_COUNTRY_CODE: 'calling code for numbers written without one, e.g. 62 for 0812… (default none)',
	SIDECAR_QUEUE_MAX_WAIT_MS: 'longest a message waits for its session to be READY (default 86400000)',
	SIDECAR_SEND_TIMEOUT_MS: 'longest one send may take before the message is marked uncertain (default 60000)',
	SIDECAR_SEND_MAX_ATTEMPTS: 'attempts for a send that failed for a passing reason (default 5)',
	SIDECAR_UNDELIVERED_AFTER_MS: 'no delivered ack this long marks a message undelivered (default 600000)',
	SIDECAR_UNDELIVERED_RESEND: 'true|false: send an undelivered message once more (default false)',
	SIDECAR_JOB_RETENTION_MS: 'how long finished messages and idempotency keys are kept (default 604800000)',
	SIDECAR_REFERENCE_MAX_BYTES: 'largest reference a message may carry, as JSON (default 4096)',
	SIDECAR_MEDIA_MAX_BYTES: 'largest media file (default 16777216)',
	SIDECAR_MEDIA_TIMEOUT_MS: 'longest a media download may take (default 30000)',
	SIDECAR_MEDIA_ALLOWED_TYPES: 'comma list of allowed media types, e.g. image/*,application/pdf (default: images, video, audio, documents)',
	SIDECAR_WEBHOOK_ATTEMPTS: 'delivery attempts per webhook event before it becomes a dead letter (default 10)',
	SIDECAR_WEBHOOK_BACKOFF_BASE_MS: 'first retry wait window for a failed delivery (default 5000)',
	SIDECAR_WEBHOOK_BACKOFF_CAP_MS: 'longest retry wait (default 300000)',
	SIDECAR_WEBHOOK_TIMEOUT_MS: 'longest one delivery may take (default 15000)',
	SIDECAR_WEBHOOK_CONCURRENCY: 'deliveries under way at once per subscription, each for a different chat (default 4)',
	SIDECAR_EVENT_MEDIA_INLINE_BYTES: 'received media up to this size travels inside the event as base64 (default 524288; 0: never)',
	SIDECAR_RECEIVED_MEDIA_RETENTION_MS: 'how long received media can be fetched through the API (default 604800000)',
	SIDECAR_DEAD_LETTER_RETENTION_MS: 'how long dead letters are kept for replay (default 1209600000)',
	SIDECAR_MEDIA_ALLOWED_HOSTS:
		'comma list of hosts or CIDRs media may come from although private or local; host:port ([v6]:port) allows only that port (default none)',
};

export interface CliOptions {
	env: NodeJS.ProcessEnv;
	help: boolean;
	version: boolean;
	qrTerminal: boolean;
}

/** `--port 3200` is SIDECAR_PORT=3200: every flag mirrors an environment variable and wins over it. */
export function flagName(env: EnvName): string {
	return env.replace(/^SIDECAR_/, '').toLowerCase().replace(/_/g, '-');
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
	const names = Object.keys(ENV_SCHEMA.shape) as EnvName[];
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			...Object.fromEntries(names.map((n) => [flagName(n), { type: 'string' as const }])),
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'v' },
			'qr-terminal': { type: 'boolean' },
		},
	});
	const given = values as Record<string, string | boolean | undefined>;
	const fromFlags = Object.fromEntries(
		names.filter((n) => given[flagName(n)] !== undefined).map((n) => [n, String(given[flagName(n)])]),
	);
	return {
		env: { ...env, ...fromFlags },
		help: Boolean(values.help),
		version: Boolean(values.version),
		qrTerminal: Boolean(values['qr-terminal']),
	};
}

export function helpText(): string {
	const names = Object.keys(HELP) as EnvName[];
	const width = Math.max(...names.map((n) => flagName(n).length)) + 2;
	const lines = names.map((n) => `  --${flagName(n).padEnd(width)}${HELP[n]}  [${n}]`);
	return [
		'whatsapp-sidecar: supervised WhatsApp Web sessions for n8n',
		'',
		'Usage: whatsapp-sidecar [options]',
		'',
		'Every option can also be set with the environment variable in brackets.',
		'',
		...lines,
		`  --${'qr-terminal'.padEnd(width)}print each new session QR code in this terminal`,
		`  --${'version'.padEnd(width)}print the version`,
		`  --${'help'.padEnd(width)}print this help`,
	].join('\n');
}
