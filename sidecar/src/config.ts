import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';
import { z } from 'zod';

/**
 * Everything the sidecar can be told, read once from the environment at start.
 * Names are the environment variables a user sets; README lists them.
 */
const envSchema = z.object({
	SIDECAR_HOST: z.string().min(1).default('127.0.0.1'),
	SIDECAR_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
	SIDECAR_API_KEY: z.string().min(16, 'SIDECAR_API_KEY must be at least 16 characters').optional(),
	SIDECAR_DATA_DIR: z.string().min(1).default('.sidecar-data'),
	SIDECAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** The browser to use; without it CHROME_PATH, PUPPETEER_EXECUTABLE_PATH and a search apply. */
	SIDECAR_BROWSER_PATH: z.string().min(1).optional(),
	SIDECAR_CHROMIUM_NO_SANDBOX: z.enum(['auto', 'true', 'false']).default('auto'),
	SIDECAR_CHROMIUM_ARGS: z.string().optional(),
});

export interface SidecarConfig {
	host: string;
	port: number;
	apiKey: string;
	dataDir: string;
	logLevel: z.infer<typeof envSchema>['SIDECAR_LOG_LEVEL'];
	browser: {
		/** An explicit browser path; when unset, `resolveBrowser` searches. */
		executablePath?: string;
		/** `auto` adds --no-sandbox only when running as root, where Chromium refuses to start without it. */
		noSandbox: 'auto' | boolean;
		/** Extra Chromium flags, for example a proxy. */
		extraArgs: string[];
	};
}

export class ConfigError extends Error {
	readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SidecarConfig {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid sidecar configuration: ${problems.join('; ')}`);
	}
	const e = parsed.data;
	const dataDir = path.resolve(e.SIDECAR_DATA_DIR);
	return {
		host: e.SIDECAR_HOST,
		port: e.SIDECAR_PORT,
		apiKey: e.SIDECAR_API_KEY ?? loadOrCreateApiKey(dataDir),
		dataDir,
		logLevel: e.SIDECAR_LOG_LEVEL,
		browser: {
			executablePath: e.SIDECAR_BROWSER_PATH,
			noSandbox: e.SIDECAR_CHROMIUM_NO_SANDBOX === 'auto' ? 'auto' : e.SIDECAR_CHROMIUM_NO_SANDBOX === 'true',
			extraArgs: e.SIDECAR_CHROMIUM_ARGS ? e.SIDECAR_CHROMIUM_ARGS.split(/\s+/).filter(Boolean) : [],
		},
	};
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
	fs.mkdirSync(dataDir, { recursive: true });
	const key = randomBytes(24).toString('hex');
	fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}
