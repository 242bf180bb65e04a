import { Router } from 'express';
import { SessionNotReadyError } from '../../errors';
import { normalizeRecipient } from '../../sending/recipients';
import type { SessionManager } from '../../sessions/SessionManager';
import type { UserAddresses, WhatsAppEngine } from '../../sessions/engine/Engine';
import { withTimeout } from '../../util/withTimeout';
import { contactChat } from './contactChat';

const CHECK_TIMEOUT_MS = 30_000;

/** Where a pair WhatsApp told goes (the AddressBook), so message events know it too. */
export interface LearnsAddresses {
	learn(session: string, lid: string, phone: string): void;
}

/**
 * Whether a number (or a linked id) is on WhatsApp, asked through a READY session
 * (n8n's Check Number), with the person's other address (`lid` for a number, `phone`
 * for a `…@lid`; null when WhatsApp does not tell it), and whether a chat with them
 * exists and a message would be a first contact (`chatExists`, `firstContact`).
 */
export function contactRoutes(manager: SessionManager, defaultCountryCode: string | undefined, addresses?: LearnsAddresses): Router {
	const router = Router();

	router.get('/sessions/:id/contacts/:number', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const input = String(req.params.number);
		const recipient = normalizeRecipient(input, defaultCountryCode);
		const engine = session.readyEngine();
		if (!engine) throw new SessionNotReadyError(session.id);
		if (recipient.kind !== 'user') {
			res.json({ input, chatId: recipient.chatId, kind: recipient.kind, registered: null, lid: null, phone: null, ...(await contactChat(engine, recipient.chatId, false)) });
			return;
		}
		if (!recipient.number) {
			// A linked id: WhatsApp answers nothing for one it does not know.
			const found = await lookup(engine, recipient.chatId);
			if (found.lid && found.phone) addresses?.learn(session.id, found.lid, found.phone);
			const registered = found.lid !== null;
			const chat = registered ? await contactChat(engine, recipient.chatId, true) : { chatExists: false, firstContact: null };
			res.json({ input, number: found.phone, chatId: recipient.chatId, kind: 'user', registered, lid: found.lid, phone: found.phone, ...chat });
			return;
		}
		const found = await withTimeout(engine.numberId(recipient.number), CHECK_TIMEOUT_MS, 'checking the number');
		const pair = found ? await lookup(engine, found) : { lid: null, phone: null };
		if (pair.lid && pair.phone) addresses?.learn(session.id, pair.lid, pair.phone);
		const chat = found ? await contactChat(engine, found, true) : { chatExists: false, firstContact: null };
		res.json({
			input,
			number: recipient.number,
			chatId: found ?? recipient.chatId,
			kind: 'user',
			registered: found !== null,
			lid: pair.lid,
			phone: found ? (pair.phone ?? recipient.number) : recipient.number,
			...chat,
		});
	});

	return router;
}

function lookup(engine: WhatsAppEngine, userId: string): Promise<UserAddresses> {
	return withTimeout(engine.lidAndPhone(userId), CHECK_TIMEOUT_MS, 'asking WhatsApp for the linked id');
}
