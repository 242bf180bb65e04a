#!/usr/bin/env node
import QRCode from 'qrcode';
import { helpText, parseCli } from './cli';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startSidecar } from './sidecar';
import { StartupError } from './storage/StartupError';
import { SIDECAR_VERSION } from './version';

async function main(): Promise<void> {
	let cli;
	let config;
	try {
		cli = parseCli(process.argv.slice(2), process.env);
		if (cli.help) return void console.log(helpText());
		if (cli.version) return void console.log(SIDECAR_VERSION);
		config = loadConfig(cli.env);
	} catch (error) {
		if (error instanceof StartupError) {
			console.error(error.message);
			process.exit(1);
		}
		if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			console.error(`${(error as Error).message}\nRun whatsapp-sidecar --help for the options.`);
			process.exit(2);
		}
		throw error;
	}
	const logger = createLogger(config.logLevel);
	const printQr = cli.qrTerminal
		? (session: string, raw: string) =>
				void QRCode.toString(raw, { type: 'terminal', small: true }).then((art) =>
					process.stderr.write(`\nScan this with WhatsApp to log in session "${session}":\n${art}\n`),
				)
		: undefined;
	let sidecar;
	try {
		sidecar = await startSidecar(config, logger, { onQr: printQr });
	} catch (error) {
		if (error instanceof StartupError) {
			logger.fatal({ code: error.code, file: error.file }, error.message);
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	console.error(`whatsapp-sidecar ${SIDECAR_VERSION} listening on ${sidecar.url} (data: ${config.dataDir})`);
	if (config.apiKeyGenerated) console.error(`API key: in ${config.dataDir}/api-key (set SIDECAR_API_KEY to choose one)`);

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
	// SIGHUP: a closed terminal or a supervisor's reload. Without a handler Node dies at once and leaves every browser running.
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
