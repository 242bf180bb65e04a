import { Router } from 'express';
import { SessionNotReadyError } from '../../errors';
import { normalizeRecipient } from '../../sending/recipients';
import type { SessionManager } from '../../sessions/SessionManager';
import { withTimeout } from '../../util/withTimeout';
import { contactChat } from './contactChat';

/** Whether a number is on WhatsApp, asked through a READY session (n8n's Check Number), and whether a chat with it exists. */
export function contactRoutes(manager: SessionManager, defaultCountryCode: string | undefined): Router {
	const router = Router();

	router.get('/sessions/:id/contacts/:number', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const recipient = normalizeRecipient(String(req.params.number), defaultCountryCode);
		const engine = session.readyEngine();
		if (!engine) throw new SessionNotReadyError(session.id);
		if (recipient.kind !== 'user' || !recipient.number) {
			res.json({ input: req.params.number, chatId: recipient.chatId, kind: recipient.kind, registered: null, ...(await contactChat(engine, recipient.chatId, false)) });
			return;
		}
		const found = await withTimeout(engine.numberId(recipient.number), 30_000, 'checking the number');
		const chat = found ? await contactChat(engine, found, true) : { chatExists: false, firstContact: null };
		res.json({ input: req.params.number, number: recipient.number, chatId: found ?? recipient.chatId, kind: 'user', registered: found !== null, ...chat });
	});

	return router;
}
