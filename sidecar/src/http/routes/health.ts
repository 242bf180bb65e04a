import { Router } from 'express';

/** Liveness for process managers and the n8n credential hint; the only route without the API key. */
export function healthRoutes(version: string, startedAt = Date.now()): Router {
	const router = Router();
	router.get('/health', (_req, res) => {
		res.json({ status: 'ok', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
	});
	return router;
}
