import express, { type Express } from 'express';
import type { Logger } from '../logger';
import { healthRoutes } from './routes/health';

export interface AppDeps {
	logger: Logger;
	version: string;
}

/** Builds the express app without listening, so tests can mount it on an ephemeral port. */
export function createApp(deps: AppDeps): Express {
	const app = express();
	app.disable('x-powered-by');
	app.use(healthRoutes(deps.version));
	return app;
}
