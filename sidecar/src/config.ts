import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';
import { z } from 'zod';
import { SETTINGS, SETTING_NAMES, type SettingName } from './settings';
import { splitArgs } from './splitArgs';
import { ensureWritableDataDir } from './storage/dataDir';

type EnvShape = { [Name in SettingName]: (typeof SETTINGS)[Name]['schema'] };

/**
 * Everything the sidecar can be told, read once at start from the environment (the
 * CLI's flags map onto the same names). Built from settings.ts, which declares each
 * setting once with its meaning; --help and the README's table come from there too.
 */
export const ENV_SCHEMA = z.object(
	Object.fromEntries(SETTING_NAMES.map((name) => [name, SETTINGS[name].schema])) as EnvShape,
);

export type EnvName = keyof z.infer<typeof ENV_SCHEMA>;

export interface SupervisorOptions {
	backoff: { baseMs: number; capMs: number; maxAttempts: number };
	/** A session READY this long has its failure count reset. */
	healthyResetMs: number;
	startTimeoutMs: number;
	/** How long a session whose page loaded may go without progress towards READY (0: no limit). */
	readyTimeoutMs: number;
	/** How long destroy() may take before the browser's process group is killed. */
	destroyTimeoutMs: number;
	watchdog: { intervalMs: number; timeoutMs: number; notConnectedMs: number };
	qr: { maxUnscanned: number; startLimit: number; startWindowMs: number };
	conflict: { policy: 'wait' | 'takeover'; waitMs: number };
	startStaggerMs: number;
	shutdownTimeoutMs: number;
}

export interface SendingOptions {
	/** SIDECAR_PACING=off: no gaps, caps or warm-up (tests, benchmarks, sandboxes). */
	pacing: boolean;
	/** Calling code for numbers written in national form (0812…). */
	defaultCountryCode?: string;
	/** A job waiting this long for its session to be READY fails with SESSION_NOT_READY. */
	maxWaitMs: number;
	/** Longest one send may take in the page; past it the job is `uncertain`, never resent blindly. */
	sendTimeoutMs: number;
	maxAttempts: number;
	/** A sent message without a `delivered` ack this long is marked undelivered. */
	undeliveredAfterMs: number;
	resendUndelivered: boolean;
	/** Finished jobs (and their idempotency keys) are kept this long. */
	retentionMs: number;
	referenceMaxBytes: number;
	media: { maxBytes: number; timeoutMs: number; allowedTypes?: string[]; allowedHosts: string[] };
}

export interface EventOptions {
	webhook: { attempts: number; backoffBaseMs: number; backoffCapMs: number; timeoutMs: number; concurrency: number };
	/** Media of incoming messages up to this size travels inside the event as base64. */
	mediaInlineBytes: number;
	/** How long received media stays fetchable through the API. */
	mediaRetentionMs: number;
	deadLetterRetentionMs: number;
}

export interface SidecarConfig {
	host: string;
	port: number;
	apiKey: string;
	/** True when no key was configured and the sidecar made one (kept in the data folder). */
	apiKeyGenerated: boolean;
	dataDir: string;
	/** Start on an empty database although the data folder holds session logins (the database was lost). */
	startFresh: boolean;
	logLevel: z.infer<typeof ENV_SCHEMA>['SIDECAR_LOG_LEVEL'];
	maxSessions: number;
	chromium: { executablePath?: string; noSandbox: 'auto' | boolean; extraArgs: string[] };
	/** `webVersionFrom`: whether SIDECAR_WEB_VERSION was set, or the default (the pinned library's) applies. */
	whatsapp: { webVersion: string; webVersionFrom: 'setting' | 'default'; webVersionCache: 'local' | 'none' };
	supervisor: SupervisorOptions;
	sending: SendingOptions;
	events: EventOptions;
	/** People addressed by linked ids: how long a message event waits for the phone number behind one. */
	lids: { lookupWaitMs: number };
	/** Opt-outs (issue 15): one list or one per session, the keywords, and the confirmation text ('' = none). */
	optOuts: OptOutOptions;
	/** Campaigns (issue 15): how often their progress is told. */
	campaigns: { progressIntervalMs: number };
}

export interface OptOutOptions {
	scope: 'shared' | 'session';
	/** Extra opt-out keywords, besides STOP and UNSUBSCRIBE. */
	keywords: string[];
	/** Extra opt-in keywords, besides START. */
	optInKeywords: string[];
	confirmation: string;
}

export class ConfigError extends Error {
	readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SidecarConfig {
	const parsed = ENV_SCHEMA.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid sidecar configuration: ${problems.join('; ')}`);
	}
	const e = parsed.data;
	if (!e.SIDECAR_API_KEY && !isLoopback(e.SIDECAR_HOST)) {
		throw new ConfigError(
			`SIDECAR_HOST is ${e.SIDECAR_HOST}, which other machines can reach: set SIDECAR_API_KEY (at least 16 characters) first. ` +
				'Without it the sidecar only listens on loopback (127.0.0.1).',
		);
	}
	const dataDir = path.resolve(e.SIDECAR_DATA_DIR);
	return {
		host: e.SIDECAR_HOST,
		port: e.SIDECAR_PORT,
		apiKey: e.SIDECAR_API_KEY ?? loadOrCreateApiKey(dataDir),
		apiKeyGenerated: !e.SIDECAR_API_KEY,
		dataDir,
		startFresh: e.SIDECAR_START_FRESH === 'true',
		logLevel: e.SIDECAR_LOG_LEVEL,
		maxSessions: e.SIDECAR_MAX_SESSIONS,
		chromium: {
			executablePath: e.SIDECAR_CHROMIUM_PATH,
			noSandbox: e.SIDECAR_CHROMIUM_NO_SANDBOX === 'auto' ? 'auto' : e.SIDECAR_CHROMIUM_NO_SANDBOX === 'true',
			extraArgs: e.SIDECAR_CHROMIUM_ARGS ? splitArgs(e.SIDECAR_CHROMIUM_ARGS) : [],
		},
		whatsapp: {
			webVersion: e.SIDECAR_WEB_VERSION,
			webVersionFrom: env.SIDECAR_WEB_VERSION ? 'setting' : 'default',
			webVersionCache: e.SIDECAR_WEB_VERSION_CACHE,
		},
		supervisor: {
			backoff: { baseMs: e.SIDECAR_BACKOFF_BASE_MS, capMs: e.SIDECAR_BACKOFF_CAP_MS, maxAttempts: e.SIDECAR_BACKOFF_MAX_ATTEMPTS },
			healthyResetMs: e.SIDECAR_HEALTHY_RESET_MS,
			startTimeoutMs: e.SIDECAR_START_TIMEOUT_MS,
			readyTimeoutMs: e.SIDECAR_READY_TIMEOUT_MS,
			destroyTimeoutMs: e.SIDECAR_DESTROY_TIMEOUT_MS,
			watchdog: {
				intervalMs: e.SIDECAR_WATCHDOG_INTERVAL_MS,
				timeoutMs: e.SIDECAR_WATCHDOG_TIMEOUT_MS,
				notConnectedMs: e.SIDECAR_NOT_CONNECTED_MS,
			},
			qr: {
				maxUnscanned: e.SIDECAR_QR_MAX,
				startLimit: e.SIDECAR_QR_START_LIMIT,
				startWindowMs: e.SIDECAR_QR_START_WINDOW_MS,
			},
			conflict: { policy: e.SIDECAR_CONFLICT_POLICY, waitMs: e.SIDECAR_CONFLICT_WAIT_MS },
			startStaggerMs: e.SIDECAR_START_STAGGER_MS,
			shutdownTimeoutMs: e.SIDECAR_SHUTDOWN_TIMEOUT_MS,
		},
		sending: {
			pacing: e.SIDECAR_PACING === 'on',
			defaultCountryCode: e.SIDECAR_DEFAULT_COUNTRY_CODE,
			maxWaitMs: e.SIDECAR_QUEUE_MAX_WAIT_MS,
			sendTimeoutMs: e.SIDECAR_SEND_TIMEOUT_MS,
			maxAttempts: e.SIDECAR_SEND_MAX_ATTEMPTS,
			undeliveredAfterMs: e.SIDECAR_UNDELIVERED_AFTER_MS,
			resendUndelivered: e.SIDECAR_UNDELIVERED_RESEND === 'true',
			retentionMs: e.SIDECAR_JOB_RETENTION_MS,
			referenceMaxBytes: e.SIDECAR_REFERENCE_MAX_BYTES,
			media: {
				maxBytes: e.SIDECAR_MEDIA_MAX_BYTES,
				timeoutMs: e.SIDECAR_MEDIA_TIMEOUT_MS,
				allowedTypes: commaList(e.SIDECAR_MEDIA_ALLOWED_TYPES),
				allowedHosts: commaList(e.SIDECAR_MEDIA_ALLOWED_HOSTS) ?? [],
			},
		},
		events: {
			webhook: {
				attempts: e.SIDECAR_WEBHOOK_ATTEMPTS,
				backoffBaseMs: e.SIDECAR_WEBHOOK_BACKOFF_BASE_MS,
				backoffCapMs: e.SIDECAR_WEBHOOK_BACKOFF_CAP_MS,
				timeoutMs: e.SIDECAR_WEBHOOK_TIMEOUT_MS,
				concurrency: e.SIDECAR_WEBHOOK_CONCURRENCY,
			},
			mediaInlineBytes: e.SIDECAR_EVENT_MEDIA_INLINE_BYTES,
			mediaRetentionMs: e.SIDECAR_RECEIVED_MEDIA_RETENTION_MS,
			deadLetterRetentionMs: e.SIDECAR_DEAD_LETTER_RETENTION_MS,
		},
		lids: { lookupWaitMs: e.SIDECAR_LID_LOOKUP_WAIT_MS },
		optOuts: {
			scope: e.SIDECAR_OPT_OUT_SCOPE,
			keywords: commaList(e.SIDECAR_OPT_OUT_KEYWORDS) ?? [],
			optInKeywords: commaList(e.SIDECAR_OPT_IN_KEYWORDS) ?? [],
			confirmation: e.SIDECAR_OPT_OUT_CONFIRMATION,
		},
		campaigns: { progressIntervalMs: e.SIDECAR_CAMPAIGN_PROGRESS_MS },
	};
}

function commaList(value: string | undefined): string[] | undefined {
	const items = value?.split(',').map((v) => v.trim()).filter(Boolean);
	return items?.length ? items : undefined;
}

export function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * A user who sets no key still gets a protected API: a random key is made on the
 * first start and kept in the data folder (readable by the owner only), so the
 * same key works after a restart and can be pasted into the n8n credential.
 */
export function loadOrCreateApiKey(dataDir: string): string {
	const file = path.join(dataDir, 'api-key');
	try {
		const existing = fs.readFileSync(file, 'utf8').trim();
		if (existing.length >= 16) return existing;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	ensureWritableDataDir(dataDir);
	const key = randomBytes(24).toString('hex');
	fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}
