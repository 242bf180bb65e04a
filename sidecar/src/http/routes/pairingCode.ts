import { Router } from 'express';
import type { SessionManager } from '../../sessions/SessionManager';
import { pairingPhone } from '../../sessions/pairingPhone';
import { pairingCodeSchema } from '../schemas';
import { validate } from '../validate';

/** Linking a phone by pairing code instead of QR: a code for the phone to type. */
export function pairingCodeRoutes(manager: SessionManager): Router {
	const router = Router();

	router.post('/sessions/:id/pairing-code', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const phone = pairingPhone(validate(pairingCodeSchema, req.body).phone);
		res.json(await session.requestPairingCode(phone));
	});

	return router;
}
