import { Router } from 'express';
import type { ServerInfo } from '../app';

/** What is running: version, uptime, and which browser sessions will use (or why none was found). */
export function serverRoutes(info: () => ServerInfo): Router {
	const router = Router();
	router.get('/server', (_req, res) => {
		res.json(info());
	});
	return router;
}
