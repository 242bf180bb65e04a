#!/usr/bin/env node
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startSidecar } from './sidecar';

async function main(): Promise<void> {
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(2);
		}
		throw error;
	}
	const logger = createLogger(config.logLevel);
	const sidecar = await startSidecar(config, logger);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'stopping');
		sidecar.stop().then(
			() => process.exit(0),
			(error) => {
				logger.error({ err: error }, 'stop failed');
				process.exit(1);
			},
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
