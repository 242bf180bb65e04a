import { Router } from 'express';
import type { OptOutList } from '../../optouts/OptOutList';
import type { SessionManager } from '../../sessions/SessionManager';
import type { OptOutRecord } from '../../storage/records';
import { addOptOutSchema, listOptOutsQuerySchema, removeOptOutQuerySchema } from '../optOutSchemas';
import { validate } from '../validate';

/**
 * The opt-out list (issue 15): bulk messages to the people on it are skipped.
 * Changes made here are the workflow's own doing and are not announced as
 * events (as a cancelled message is not); a contact's STOP or START is.
 */
export function optOutRoutes(optOuts: OptOutList, sessions: SessionManager): Router {
	const router = Router();

	router.get('/opt-outs', (req, res) => {
		const query = validate(listOptOutsQuerySchema, req.query);
		const page = optOuts.page(query);
		res.json({ total: page.total, limit: query.limit, offset: query.offset, optOuts: page.optOuts.map(view) });
	});

	router.post('/opt-outs', async (req, res) => {
		const body = validate(addOptOutSchema, req.body);
		if (body.session !== undefined) sessions.get(body.session); // 404 for a session that does not exist
		const { record, added } = await optOuts.add({ contact: body.contact, session: body.session ?? null, reason: body.reason ?? null });
		res.status(added ? 201 : 200).json({ ...view(record), added });
	});

	router.delete('/opt-outs/:contact', async (req, res) => {
		const { session } = validate(removeOptOutQuerySchema, req.query);
		const removed = await optOuts.remove(String(req.params.contact), session ?? null);
		res.json({ ...view(removed!), removed: true });
	});

	return router;
}

/** An entry as the API shows it (`list`: null for the shared list, else the session whose list it is). */
function view(record: OptOutRecord) {
	return {
		contact: record.contact,
		phone: record.phone,
		lid: record.lid,
		list: record.list,
		session: record.session,
		reason: record.reason,
		keyword: record.keyword,
		messageId: record.messageId,
		at: record.at,
	};
}
