import { z } from 'zod';
import { SESSION_ID_PATTERN } from '../contract';

/** Requests of the opt-out routes (routes/optOuts.ts, issue 15); /openapi.json describes them. */

export const OPT_OUTS_PAGE_MAX = 500;

const contact = z
	.string()
	.trim()
	.min(1)
	.max(100)
	.describe('Who: a phone number with its country code (628123456789, +62 812-3456-789) or a WhatsApp id (…@c.us, …@lid)');
const session = z.string().regex(SESSION_ID_PATTERN);

export const addOptOutSchema = z
	.object({
		contact,
		session: session
			.optional()
			.describe('The session (number) the opt-out is for; needed when each session keeps its own list (SIDECAR_OPT_OUT_SCOPE=session)'),
		reason: z.string().trim().max(500).optional().describe('Why (kept with the entry, e.g. "asked by email")'),
	})
	.strict();

export const listOptOutsQuerySchema = z
	.object({
		session: session.optional().describe('Only this session\'s list (shared list: the entries that came through it)'),
		limit: z.coerce.number().int().min(1).max(OPT_OUTS_PAGE_MAX).default(100),
		offset: z.coerce.number().int().min(0).default(0),
	})
	.strip();

export const removeOptOutQuerySchema = z.object({ session: session.optional() }).strip();
