import { Router } from 'express';
import { NotOnWhatsAppError, RecipientInvalidError } from '../../errors';
import type { SessionManager } from '../../sessions/SessionManager';
import type { WhatsAppEngine } from '../../sessions/engine/Engine';
import { chatTarget, pageCall, readyEngine } from './chatCalls';

/**
 * A person's profile as WhatsApp tells it (picture, about, business profile, blocked), and
 * blocking. Named by a phone number, `…@c.us` or `…@lid`; a number not on WhatsApp is
 * NOT_ON_WHATSAPP, a group is no contact (RECIPIENT_INVALID).
 */
export function contactProfileRoutes(manager: SessionManager, defaultCountryCode: string | undefined): Router {
	const router = Router();

	router.get('/sessions/:id/contacts/:contactId/profile', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const input = String(req.params.contactId);
		const engine = readyEngine(session);
		const contactId = await contactOf(engine, input, defaultCountryCode);
		const profile = await pageCall(engine.contactProfile(contactId), 'reading the contact\'s profile');
		res.json({ input, ...profile, id: contactId });
	});

	for (const blocked of [true, false]) {
		router.post(`/sessions/:id/contacts/:contactId/${blocked ? 'block' : 'unblock'}`, async (req, res) => {
			const session = manager.get(String(req.params.id));
			const input = String(req.params.contactId);
			const engine = readyEngine(session);
			const contactId = await contactOf(engine, input, defaultCountryCode);
			await pageCall(engine.setContactBlocked(contactId, blocked), blocked ? 'blocking the contact' : 'unblocking the contact');
			res.json({ contactId, blocked });
		});
	}

	return router;
}

async function contactOf(engine: WhatsAppEngine, input: string, defaultCountryCode: string | undefined): Promise<string> {
	const target = chatTarget(input, defaultCountryCode);
	if (target.kind === 'group') throw new RecipientInvalidError(input, 'that is a group, and a profile or a block is for a person (a number or …@lid)');
	if (!target.number) return target.chatId;
	// Asking about a number WhatsApp does not know would make the page invent a contact.
	const found = await pageCall(engine.numberId(target.number), 'checking the number');
	if (!found) throw new NotOnWhatsAppError(input);
	return found;
}
