import { Router, type Request } from 'express';
import { QrNotAvailableError, SessionNotRunningError } from '../../errors';
import type { Session } from '../../sessions/Session';
import type { SessionManager } from '../../sessions/SessionManager';
import { mergePacing, parsePacing } from '../../sending/pacing/PacingConfig';
import { createSessionSchema, updateSessionSchema } from '../schemas';
import { mergeSessionConfig } from '../sessionConfig';
import { validate } from '../validate';

/** The sessions API: create, inspect, start/stop/restart/logout, delete, QR and screenshot. */
export function sessionRoutes(manager: SessionManager): Router {
	const router = Router();
	const view = async (session: Session) => ({ ...session.view(), profileSizeBytes: await manager.profileSize(session.id) });

	router.post('/sessions', async (req, res) => {
		const body = validate(createSessionSchema, req.body);
		if (body.config?.pacing) parsePacing(body.config.pacing); // a bad setting is refused now, not at the first send
		const session = await manager.create(body.id, mergeSessionConfig({}, body.config ?? {}));
		if (body.start !== false) await manager.start(session.id);
		res.status(201).json(await view(session));
	});

	router.get('/sessions', (_req, res) => {
		res.json({ sessions: manager.list().map((s) => s.view()) });
	});

	router.get('/sessions/:id', async (req, res) => {
		res.json(await view(manager.get(param(req))));
	});

	router.patch('/sessions/:id', async (req, res) => {
		const session = manager.get(param(req));
		const { config } = validate(updateSessionSchema, req.body);
		const pacing = config.pacing ? mergePacing(parsePacing(session.config.pacing), config.pacing) : session.config.pacing;
		session.setConfig({ ...mergeSessionConfig(session.config, config), pacing });
		res.json(await view(session));
	});

	router.post('/sessions/:id/start', async (req, res) => {
		res.json(await view(await manager.start(param(req))));
	});

	router.post('/sessions/:id/stop', async (req, res) => {
		const session = manager.get(param(req));
		await session.stop();
		res.json(await view(session));
	});

	router.post('/sessions/:id/restart', async (req, res) => {
		res.json(await view(await manager.restart(param(req))));
	});

	router.post('/sessions/:id/logout', async (req, res) => {
		const session = manager.get(param(req));
		await session.logout();
		res.json(await view(session));
	});

	router.delete('/sessions/:id', async (req, res) => {
		await manager.delete(param(req));
		res.json({ id: param(req), deleted: true });
	});

	router.get('/sessions/:id/qr', (req, res) => {
		const session = manager.get(param(req));
		const qr = session.qr.view();
		if (!qr) throw new QrNotAvailableError(session.currentStatus());
		const wantsPng = req.query.format === 'png' || (req.accepts(['application/json', 'image/png']) === 'image/png' && req.query.format !== 'json');
		if (wantsPng) res.type('image/png').send(session.qr.png());
		else res.json(qr);
	});

	router.get('/sessions/:id/screenshot', async (req, res) => {
		const session = manager.get(param(req));
		// No browser, or one whose page is not there yet (STARTING): the same answer, with the status.
		const png = await session.currentEngine()?.screenshot();
		if (!png) throw new SessionNotRunningError(session.id, session.currentStatus());
		res.type('image/png').send(png);
	});

	return router;
}

function param(req: Request): string {
	return String(req.params.id);
}
