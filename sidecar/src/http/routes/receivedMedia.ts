import { Router } from 'express';
import { ReceivedMediaNotFoundError } from '../../errors';
import type { Session } from '../../sessions/Session';
import type { SessionManager } from '../../sessions/SessionManager';
import type { ReceivedMediaStore } from '../../storage/ReceivedMediaStore';
import { safeFilename } from '../../util/safeFilename';
import { safeMediaType } from '../../util/safeMediaType';
import { withTimeout } from '../../util/withTimeout';

const ON_DEMAND_TIMEOUT_MS = 60_000;

/**
 * The media of a received message, kept for the retention period (the `message` event links here).
 *
 * The file is the sender's, so it is served as a download of the type we stored: never a type its
 * name picks (express's res.attachment() would set one from the extension), never sniffed, never
 * rendered inline. Type and name are cleaned again here, for media stored by older versions.
 */
export function receivedMediaRoutes(manager: SessionManager, media: ReceivedMediaStore): Router {
	const router = Router();

	router.get('/sessions/:id/messages/:messageId/media', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const messageId = String(req.params.messageId);
		const found = (await media.get(session.id, messageId)) ?? (await fetchThroughPage(session, media, messageId));
		if (!found) throw new ReceivedMediaNotFoundError(messageId);
		const type = safeMediaType(found.meta.mimetype);
		res.attachment(safeFilename(found.meta.filename) ?? fallbackFilename(type));
		// After attachment(), which sets a type from the name's extension; setHeader keeps ours exactly (no charset added).
		res.setHeader('Content-Type', type);
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.sendFile(found.file);
	});

	return router;
}

/**
 * Media of a message that was never kept (a chat history's, or one older than the retention):
 * downloaded through the page of a READY session, then kept like received media.
 */
async function fetchThroughPage(session: Session, media: ReceivedMediaStore, messageId: string) {
	const engine = session.readyEngine();
	if (!engine) return undefined;
	const loaded = await withTimeout(engine.messageMedia(messageId), ON_DEMAND_TIMEOUT_MS, 'downloading the media').catch(() => null);
	if (!loaded) return undefined;
	await media.put(session.id, messageId, loaded);
	return media.get(session.id, messageId);
}

/** `media.pdf` for application/pdf; just `media` when the subtype is no plausible extension. */
function fallbackFilename(type: string): string {
	const subtype = /^[^/]+\/([a-z0-9]{1,8})(?:[;\s]|$)/.exec(type)?.[1];
	return subtype ? `media.${subtype}` : 'media';
}
