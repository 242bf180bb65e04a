import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { resolveBrowser } from './browser/resolveBrowser';
import type { SidecarConfig } from './config';
import { createApp, type ServerInfo } from './http/app';
import type { Logger } from './logger';
import { SIDECAR_VERSION } from './version';

export interface RunningSidecar {
	url: string;
	stop(): Promise<void>;
}

/** The composition root: wires the parts together and owns their lifetimes. */
export async function startSidecar(config: SidecarConfig, logger: Logger): Promise<RunningSidecar> {
	const startedAt = new Date();
	const browser = findBrowser(config, logger);
	const serverInfo = (): ServerInfo => ({
		version: SIDECAR_VERSION,
		startedAt: startedAt.toISOString(),
		uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
		nodeVersion: process.version,
		browser,
	});
	const app = createApp({ logger, apiKey: config.apiKey, version: SIDECAR_VERSION, serverInfo });
	const server = await listen(app, config.host, config.port);
	const { port } = server.address() as AddressInfo;
	const url = `http://${config.host}:${port}`;
	logger.info({ url, dataDir: config.dataDir }, 'sidecar listening');
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** A missing browser is reported, not fatal: the API stays up to say what to install. */
function findBrowser(config: SidecarConfig, logger: Logger): ServerInfo['browser'] {
	try {
		const found = resolveBrowser({ explicitPath: config.browser.executablePath });
		logger.info(found, 'browser found');
		return found;
	} catch (error) {
		const { code = 'BROWSER_NOT_FOUND', message } = error as { code?: string; message: string };
		logger.warn({ code }, message);
		return { error: { code, message } };
	}
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = app.listen(port, host);
		server.once('listening', () => resolve(server));
		server.once('error', reject);
	});
}
