import type { RouteDoc } from './openapi';
import { addOptOutSchema, OPT_OUTS_PAGE_MAX } from './optOutSchemas';

/** The opt-out list (routes/optOuts.ts, issue 15); listed in openapi.ts ROUTES. */
const ENTRY = '{contact, phone, lid, list (null: the shared list), session, reason, keyword, messageId, at}';

export const OPT_OUT_ROUTES: RouteDoc[] = [
	{
		method: 'get',
		path: '/api/opt-outs',
		summary: `Who opted out, oldest first, paged: ?limit (1–${OPT_OUTS_PAGE_MAX}, default 100) &offset &session. {total, limit, offset, optOuts: [${ENTRY}]}`,
		responses: { 200: 'A page of the list', 400: 'VALIDATION_FAILED (limit, offset or session)' },
	},
	{
		method: 'post',
		path: '/api/opt-outs',
		summary: `Put a contact on the opt-out list: bulk messages to them end skipped (OPTED_OUT); replies still go. ${ENTRY} plus added (false: already listed)`,
		body: addOptOutSchema,
		responses: {
			200: 'Already on the list (the first entry stands)',
			201: 'Added',
			400: 'VALIDATION_FAILED (a group, or no session when each session keeps its own list) or RECIPIENT_INVALID',
			404: 'SESSION_NOT_FOUND',
		},
	},
	{
		method: 'delete',
		path: '/api/opt-outs/{contact}',
		summary: `Take a contact off the opt-out list (?session= when each session keeps its own). ${ENTRY} plus removed: true`,
		responses: { 200: 'Removed', 400: 'VALIDATION_FAILED or RECIPIENT_INVALID', 404: 'OPT_OUT_NOT_FOUND' },
	},
];
