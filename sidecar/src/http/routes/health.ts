import { Router } from 'express';
import type { StorageStatus } from '../../storage/StorageHealth';

/**
 * Liveness for process managers and the n8n credential hint; the only route
 * without the API key. A database that takes no writes (a full disk, a read-only
 * volume) makes it 503 "degraded": the sidecar runs, but accepts nothing new.
 */
export function healthRoutes(version: string, storage: (probe: boolean) => Promise<StorageStatus>, startedAt = Date.now()): Router {
	const router = Router();
	router.get('/health', async (_req, res) => {
		const { writable, error, since } = await storage(true);
		const body = {
			status: writable ? 'ok' : 'degraded',
			version,
			uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
			storage: writable ? { writable } : { writable, error, since },
		};
		res.status(writable ? 200 : 503).json(body);
	});
	return router;
}
