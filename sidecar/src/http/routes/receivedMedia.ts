import { Router } from 'express';
import { ReceivedMediaNotFoundError } from '../../errors';
import type { SessionManager } from '../../sessions/SessionManager';
import type { ReceivedMediaStore } from '../../storage/ReceivedMediaStore';

/** The media of a received message, kept for the retention period (the `message` event links here). */
export function receivedMediaRoutes(manager: SessionManager, media: ReceivedMediaStore): Router {
	const router = Router();

	router.get('/sessions/:id/messages/:messageId/media', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const messageId = String(req.params.messageId);
		const found = await media.get(session.id, messageId);
		if (!found) throw new ReceivedMediaNotFoundError(messageId);
		res.type(found.meta.mimetype);
		if (found.meta.filename) res.attachment(found.meta.filename);
		res.sendFile(found.file);
	});

	return router;
}
