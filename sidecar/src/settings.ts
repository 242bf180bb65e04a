import { z } from 'zod';
import { SYSTEM_BROWSER_NAMES } from './browser/resolveBrowser';

/**
 * Every setting of the sidecar, declared once: its environment variable, its type
 * and default (the zod schema), what it means, and where the README lists it.
 * `ENV_SCHEMA` (config.ts), `--help` (cli.ts) and the README's settings table
 * (`npm run docs:settings`) are all made from this table, so they cannot drift.
 *
 * Names end in `_MS` for durations and `_BYTES` for sizes: the README and --help
 * read that suffix to show a default such as `604800000` as "7 days" too.
 * Meanings are written for someone who builds flows rather than servers; they are
 * Markdown (backticks), which --help prints without the backticks.
 */

export const SETTING_GROUPS = {
	server: 'Server and storage',
	browser: 'Browser and WhatsApp Web',
	sessions: 'Sessions: limits, restarts and health checks',
	sending: 'Sending messages',
	media: 'Media in sent messages',
	events: 'Events and webhooks',
} as const;

export type SettingGroup = keyof typeof SETTING_GROUPS;

export interface Setting {
	group: SettingGroup;
	/** Parses the variable's text; its default is the setting's default. */
	schema: z.ZodType;
	/** One or two sentences for a no-code user, in Markdown. */
	meaning: string;
	/** Shown instead of the schema's default, where that needs words (or there is none). */
	shownDefault?: string;
}

/** A duration in milliseconds; 0 is allowed (it turns some waits off). */
const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
/** A size in bytes; 0 is allowed (it turns inlining off). */
const bytes = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
/** How many of something; at least one. */
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const bool = (fallback: 'true' | 'false') => z.enum(['true', 'false']).default(fallback);

const DAY = 86_400_000;
const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

export const SETTINGS = {
	// Server and storage
	SIDECAR_HOST: {
		group: 'server',
		schema: z.string().min(1).default('127.0.0.1'),
		meaning:
			'The network address the sidecar listens on. `127.0.0.1` lets in only programs on this machine; `0.0.0.0` lets in every machine that can reach it (n8n in Docker, say), and then `SIDECAR_API_KEY` must be set, or the sidecar refuses to start.',
	},
	SIDECAR_PORT: {
		group: 'server',
		schema: z.coerce.number().int().min(0).max(65535).default(3100),
		meaning: 'The port the sidecar listens on. The Sidecar URL in the n8n credential ends with it (`http://127.0.0.1:3100`).',
	},
	SIDECAR_API_KEY: {
		group: 'server',
		schema: z.string().min(16, 'SIDECAR_API_KEY must be at least 16 characters').optional(),
		shownDefault: 'generated',
		meaning:
			'The key every request must carry, as `X-Api-Key` or `Authorization: Bearer` (only `/health` is open); at least 16 characters. Unset, the sidecar makes one on its first start and keeps it in `data/api-key`: paste that into the n8n credential.',
	},
	SIDECAR_DATA_DIR: {
		group: 'server',
		schema: z.string().min(1).default('data'),
		shownDefault: '`./data`',
		meaning:
			'The folder for everything the sidecar keeps: its database (`sidecar.sqlite`), the generated API key, each session\'s WhatsApp login (`sessions/session-<id>`, a Chrome profile) and the WhatsApp Web page cache. A relative path starts from the folder the sidecar was started in. Back it up: without it every phone has to scan a QR again.',
	},
	SIDECAR_START_FRESH: {
		group: 'server',
		schema: bool('false'),
		meaning:
			'`true` starts on an empty database although the data folder holds session logins. Without it, a missing or empty (0-byte) `sidecar.sqlite` beside `sessions/session-*` folders stops the start, because the database was lost: restore it from a backup, or set this to start over.',
	},
	SIDECAR_LOG_LEVEL: {
		group: 'server',
		schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
		meaning:
			'How much the log says: `fatal`, `error`, `warn`, `info`, `debug` or `trace` (most), or `silent`. The log is JSON lines (pino); lines about a session carry its id in `session`.',
	},

	// Browser and WhatsApp Web
	SIDECAR_CHROMIUM_PATH: {
		group: 'browser',
		schema: z.string().min(1).optional(),
		shownDefault: 'found automatically',
		meaning: `The Chromium or Chrome program to run. Unset, the sidecar takes \`CHROME_PATH\`, then \`PUPPETEER_EXECUTABLE_PATH\`, then the Chrome puppeteer downloaded, then ${code(SYSTEM_BROWSER_NAMES)} on \`PATH\`.`,
	},
	SIDECAR_CHROMIUM_NO_SANDBOX: {
		group: 'browser',
		schema: z.enum(['auto', 'true', 'false']).default('auto'),
		meaning:
			'Whether Chromium runs without its sandbox (`--no-sandbox`). `auto`: only when the sidecar runs as root, where Chromium refuses to start otherwise; `true`: always; `false`: never.',
	},
	SIDECAR_CHROMIUM_ARGS: {
		group: 'browser',
		schema: z.string().optional(),
		shownDefault: 'none',
		meaning:
			'Extra Chromium flags, separated by spaces; quotes keep spaces inside one flag. A proxy, say: `--proxy-server=http://proxy.lan:8080`. As a command-line flag: `--chromium-args="--a --b"`. `--disable-web-security` is refused.',
	},
	SIDECAR_WEB_VERSION: {
		group: 'browser',
		schema: z.string().min(1).default('2.3000.1017054665'),
		meaning:
			'The WhatsApp Web version sessions load, if its page is saved in `wwebjs-cache` (whatsapp-web.js saves the page of every login under that page\'s own version; `GET /api/server` lists them and says whether this one is `pinned`). Not saved: sessions load web.whatsapp.com, which serves whatever version WhatsApp ships that day. The default is the one the pinned whatsapp-web.js is made for. When a new WhatsApp Web breaks sessions (`WEB_VERSION_INCOMPATIBLE`), set it to a saved version that worked; when WhatsApp stops accepting a version, sessions fail with `DEPRECATED_VERSION`.',
	},
	SIDECAR_WEB_VERSION_CACHE: {
		group: 'browser',
		schema: z.enum(['local', 'none']).default('local'),
		meaning:
			'`local` keeps the WhatsApp Web pages sessions logged in with in the data folder (`wwebjs-cache`, one file per version) and loads the one of `SIDECAR_WEB_VERSION` from there; `none` loads web.whatsapp.com every time (nothing is pinned).',
	},

	// Sessions: limits, restarts and health checks
	SIDECAR_MAX_SESSIONS: {
		group: 'sessions',
		schema: count(10),
		meaning:
			'The most WhatsApp numbers (sessions) at once. Each runs its own Chromium, about 400 MB of memory. Creating one more answers `429 SESSION_LIMIT_REACHED`.',
	},
	SIDECAR_BACKOFF_BASE_MS: {
		group: 'sessions',
		schema: ms(1_000),
		meaning:
			'After a session fails (a crashed browser, a lost connection), it restarts after a random wait that doubles with every failure in a row, starting from this.',
	},
	SIDECAR_BACKOFF_CAP_MS: {
		group: 'sessions',
		schema: ms(300_000),
		meaning: 'The longest wait between those restarts.',
	},
	SIDECAR_BACKOFF_MAX_ATTEMPTS: {
		group: 'sessions',
		schema: count(10),
		meaning: 'Failed restarts in a row before the session gives up with status `FAILED` (start it again by hand or from n8n).',
	},
	SIDECAR_HEALTHY_RESET_MS: {
		group: 'sessions',
		schema: ms(120_000),
		meaning: 'A session `READY` this long counts as healthy again: its count of failures in a row goes back to zero.',
	},
	SIDECAR_WATCHDOG_INTERVAL_MS: {
		group: 'sessions',
		schema: ms(30_000),
		meaning: 'How often each `READY` session\'s page is checked, so a browser that hangs without crashing is found and restarted.',
	},
	SIDECAR_WATCHDOG_TIMEOUT_MS: {
		group: 'sessions',
		schema: ms(15_000),
		meaning: 'How long that check may take before the page counts as hung.',
	},
	SIDECAR_NOT_CONNECTED_MS: {
		group: 'sessions',
		schema: ms(60_000),
		meaning: 'How long WhatsApp Web may stay disconnected from WhatsApp while `READY` before the session is restarted.',
	},
	SIDECAR_START_TIMEOUT_MS: {
		group: 'sessions',
		schema: ms(90_000),
		meaning: 'The longest a session may take to start (open the browser, load WhatsApp Web) before the start counts as failed.',
	},
	SIDECAR_READY_TIMEOUT_MS: {
		group: 'sessions',
		schema: ms(120_000),
		meaning:
			'How long a session whose WhatsApp Web page has loaded (a login restoring, or a QR just scanned) may go without getting closer to `READY`: a new WhatsApp Web version can leave it waiting for ever. Past it the session restarts with reason `WEB_VERSION_INCOMPATIBLE`. Each step of the loading screen starts the time again; `0`: no limit.',
	},
	SIDECAR_DESTROY_TIMEOUT_MS: {
		group: 'sessions',
		schema: ms(10_000),
		meaning: 'The longest a browser may take to close before it is killed, with every process it started.',
	},
	SIDECAR_QR_MAX: {
		group: 'sessions',
		schema: count(6),
		meaning: 'QR codes shown without a scan before the session stops with reason `QR_TIMEOUT`: about 3 minutes at 6 (WhatsApp shows the first for a minute, each next one for about 20 seconds).',
	},
	SIDECAR_QR_START_LIMIT: {
		group: 'sessions',
		schema: count(5),
		meaning: 'Starts that need a QR code allowed per `SIDECAR_QR_START_WINDOW_MS`; one more answers `429 QR_RATE_LIMITED`. Many QR logins in a row look suspicious to WhatsApp.',
	},
	SIDECAR_QR_START_WINDOW_MS: {
		group: 'sessions',
		schema: ms(900_000),
		meaning: 'The window `SIDECAR_QR_START_LIMIT` counts in.',
	},
	SIDECAR_CONFLICT_POLICY: {
		group: 'sessions',
		schema: z.enum(['wait', 'takeover']).default('wait'),
		meaning:
			'What a session does when the same WhatsApp is opened in another browser: `wait` lets the other one have it and tries again after `SIDECAR_CONFLICT_WAIT_MS`; `takeover` takes it back at once. A session can choose for itself (`config.conflictPolicy`).',
	},
	SIDECAR_CONFLICT_WAIT_MS: {
		group: 'sessions',
		schema: ms(600_000),
		meaning: 'How long `wait` waits before trying again.',
	},
	SIDECAR_START_STAGGER_MS: {
		group: 'sessions',
		schema: ms(3_000),
		meaning: 'The pause between sessions started again when the sidecar starts, so their browsers do not all start at once.',
	},
	SIDECAR_SHUTDOWN_TIMEOUT_MS: {
		group: 'sessions',
		schema: ms(20_000),
		meaning: 'The longest a shutdown (`SIGTERM`, Ctrl-C) may take to close the browsers properly before they are killed.',
	},

	// Sending messages
	SIDECAR_PACING: {
		group: 'sending',
		schema: z.enum(['on', 'off']).default('on'),
		meaning:
			'`off` removes the gaps between messages, the caps and the warm-up (see Pacing) for every session, and the log warns about it at start. For tests, benchmarks and sandboxes only: a real number sending unpaced risks a ban.',
	},
	SIDECAR_DEFAULT_COUNTRY_CODE: {
		group: 'sending',
		schema: z
			.string()
			.regex(/^\+?\d{1,4}$/, 'SIDECAR_DEFAULT_COUNTRY_CODE is a calling code such as 62 or +62')
			.transform((v) => v.replace('+', ''))
			.optional(),
		shownDefault: 'none',
		meaning:
			'The country calling code for numbers written the national way: with `62`, `0812…` becomes `62812…`. Unset, numbers must include their country code.',
	},
	SIDECAR_QUEUE_MAX_WAIT_MS: {
		group: 'sending',
		schema: ms(DAY),
		meaning: 'A message waiting this long for its session to be `READY` (a phone to scan, a restart) fails with `SESSION_NOT_READY`.',
	},
	SIDECAR_SEND_TIMEOUT_MS: {
		group: 'sending',
		schema: ms(60_000),
		meaning:
			'The longest one send may take. Past it the message is `uncertain`: it may or may not have gone out, so it is not sent again on its own.',
	},
	SIDECAR_SEND_MAX_ATTEMPTS: {
		group: 'sending',
		schema: count(5),
		meaning: 'Attempts for a send that failed for a passing reason (the session restarted, say) before the message fails.',
	},
	SIDECAR_UNDELIVERED_AFTER_MS: {
		group: 'sending',
		schema: ms(600_000),
		meaning: 'A sent message without a delivered receipt after this long is marked `undelivered` (the recipient\'s phone may be off or offline).',
	},
	SIDECAR_UNDELIVERED_RESEND: {
		group: 'sending',
		schema: bool('false'),
		meaning: '`true` sends an `undelivered` message once more.',
	},
	SIDECAR_JOB_RETENTION_MS: {
		group: 'sending',
		schema: ms(7 * DAY),
		meaning:
			'How long finished messages are kept, with their status and idempotency key: within it, the same idempotency key never sends twice.',
	},
	SIDECAR_REFERENCE_MAX_BYTES: {
		group: 'sending',
		schema: count(4_096),
		meaning: 'The largest `reference` a message may carry (an appointment id, a row), measured as JSON.',
	},

	// Media in sent messages
	SIDECAR_MEDIA_MAX_BYTES: {
		group: 'media',
		schema: count(16 * 1024 * 1024),
		meaning: 'The largest media file a message may carry, downloaded or given as base64.',
	},
	SIDECAR_MEDIA_TIMEOUT_MS: {
		group: 'media',
		schema: ms(30_000),
		meaning: 'The longest a media download from a URL may take, redirects included.',
	},
	SIDECAR_MEDIA_ALLOWED_TYPES: {
		group: 'media',
		schema: z.string().optional(),
		shownDefault: 'images, video, audio, PDF, office documents, text, CSV, zip',
		meaning: 'The media types a message may carry, as a comma list; `image/*` allows every image (`image/*,application/pdf`).',
	},
	SIDECAR_MEDIA_ALLOWED_HOSTS: {
		group: 'media',
		schema: z.string().optional(),
		shownDefault: 'none',
		meaning:
			'Media URLs may not lead to private or local addresses (a URL often comes from untrusted input). This comma list of hosts or address ranges is allowed anyway (`10.0.0.0/8,files.lan`). With a port (`minio.local:9000`, `10.0.0.5:9000`, `[fd00::5]:9000`) only that port, checked on every redirect too; without one, every port.',
	},

	// Events and webhooks
	SIDECAR_WEBHOOK_ATTEMPTS: {
		group: 'events',
		schema: count(10),
		meaning: 'Delivery attempts per event and subscriber; after the last one the event becomes a dead letter, which you can replay.',
	},
	SIDECAR_WEBHOOK_BACKOFF_BASE_MS: {
		group: 'events',
		schema: ms(5_000),
		meaning: 'A failed delivery is tried again after a random wait that doubles with every attempt, starting from this.',
	},
	SIDECAR_WEBHOOK_BACKOFF_CAP_MS: {
		group: 'events',
		schema: ms(300_000),
		meaning: 'The longest wait between delivery attempts (also the most a receiver\'s `Retry-After` is honoured).',
	},
	SIDECAR_WEBHOOK_TIMEOUT_MS: {
		group: 'events',
		schema: ms(15_000),
		meaning: 'The longest one delivery may take before it counts as failed.',
	},
	SIDECAR_WEBHOOK_CONCURRENCY: {
		group: 'events',
		schema: count(4),
		meaning: 'Deliveries under way at once per subscriber, each for a different chat (one chat\'s events always arrive in order).',
	},
	SIDECAR_EVENT_MEDIA_INLINE_BYTES: {
		group: 'events',
		schema: bytes(512 * 1024),
		meaning: 'Received media up to this size travels inside the `message` event as base64; larger media is fetched by its URL. `0`: never inside.',
	},
	SIDECAR_LID_LOOKUP_WAIT_MS: {
		group: 'events',
		schema: ms(3_000),
		meaning:
			'How long a `message` event from someone WhatsApp addresses by a linked id (`…@lid`) waits for WhatsApp to tell their phone number (`senderPhone`). Past it the event goes out with what is known (`null`), never late; the answer still serves later messages. Known pairs are kept in the database.',
	},
	SIDECAR_RECEIVED_MEDIA_RETENTION_MS: {
		group: 'events',
		schema: ms(7 * DAY),
		meaning: 'How long received media stays fetchable through the API.',
	},
	SIDECAR_DEAD_LETTER_RETENTION_MS: {
		group: 'events',
		schema: ms(14 * DAY),
		meaning: 'How long dead letters are kept for replay.',
	},
	// Opt-outs (issue 15)
	SIDECAR_OPT_OUT_SCOPE: {
		group: 'sending',
		schema: z.enum(['shared', 'session']).default('shared'),
		meaning:
			'`shared`: one opt-out list for all sessions (someone who writes STOP to one of your numbers gets no bulk message from any of them). `session`: each session keeps its own list.',
	},
	SIDECAR_OPT_OUT_KEYWORDS: {
		group: 'sending',
		schema: z.string().optional(),
		shownDefault: 'none',
		meaning:
			'More opt-out words, comma-separated, in your contacts\' languages (`BERHENTI,ARRÊTER,BASTA`), besides `STOP` and `UNSUBSCRIBE`. A message counts only if it is exactly one of them (case and accents do not matter).',
	},
	SIDECAR_OPT_IN_KEYWORDS: {
		group: 'sending',
		schema: z.string().optional(),
		shownDefault: 'none',
		meaning: 'More words, comma-separated, besides `START`, that take someone off the opt-out list when they write exactly that.',
	},
	SIDECAR_OPT_OUT_CONFIRMATION: {
		group: 'sending',
		schema: z.string().default('You will not get more messages from us. Reply START to get them again.'),
		meaning: 'The answer sent (once, on the reply lane) to someone who opted out with a keyword. Empty: no answer.',
	},
	// Campaigns (issue 15)
	SIDECAR_CAMPAIGN_PROGRESS_MS: {
		group: 'events',
		schema: ms(5_000),
		meaning:
			'The least time between two `campaign.progress` events of one campaign: however many of its messages change, its progress is told at most this often.',
	},
} satisfies Record<`SIDECAR_${string}`, Setting>;

export type SettingName = keyof typeof SETTINGS;

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** `SIDECAR_MAX_SESSIONS` is `--max-sessions`: every setting is also a command-line flag. */
export function flagName(name: SettingName): string {
	return name.replace(/^SIDECAR_/, '').toLowerCase().replace(/_/g, '-');
}
