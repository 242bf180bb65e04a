import express, { type Express } from 'express';
import type { Logger } from '../logger';
import { errorMiddleware, notFound } from './errorMiddleware';
import { requireApiKey } from './requireApiKey';
import { healthRoutes } from './routes/health';
import { serverRoutes } from './routes/server';

export interface ServerInfo {
	version: string;
	startedAt: string;
	uptimeSeconds: number;
	nodeVersion: string;
	browser: { executablePath: string; source: string } | { error: { code: string; message: string } };
}

export interface AppDeps {
	logger: Logger;
	apiKey: string;
	version: string;
	serverInfo: () => ServerInfo;
}

/** Builds the express app without listening, so tests can mount it on an ephemeral port. */
export function createApp(deps: AppDeps): Express {
	const app = express();
	app.disable('x-powered-by');
	app.use(healthRoutes(deps.version));
	app.use('/api', requireApiKey(deps.apiKey), express.json({ limit: '32mb' }), serverRoutes(deps.serverInfo));
	app.use(notFound);
	app.use(errorMiddleware(deps.logger));
	return app;
}
