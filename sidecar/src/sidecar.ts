import type { Server } from 'http';
import type { AddressInfo } from 'net';
import type { SidecarConfig } from './config';
import { createApp } from './http/app';
import type { Logger } from './logger';
import { SIDECAR_VERSION } from './version';

export interface RunningSidecar {
	url: string;
	stop(): Promise<void>;
}

/** The composition root: wires the parts together and owns their lifetimes. */
export async function startSidecar(config: SidecarConfig, logger: Logger): Promise<RunningSidecar> {
	const app = createApp({ logger, version: SIDECAR_VERSION });
	const server = await listen(app, config.host, config.port);
	const { port } = server.address() as AddressInfo;
	const url = `http://${config.host}:${port}`;
	logger.info({ url }, 'sidecar listening');
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = app.listen(port, host);
		server.once('listening', () => resolve(server));
		server.once('error', reject);
	});
}
