import { z } from 'zod';
import { LANES } from '../contract';

/** Request bodies of edits, deletions and forwards (issue 14); routes validate with them and /openapi.json describes them. */

const followUpFields = {
	idempotencyKey: z.string().min(1).max(200).optional().describe('Same key again → the existing job, never a second change'),
	reference: z.unknown().optional().describe('Any JSON value, echoed in every status and event of this job'),
};

/** DELETE /api/messages/:jobId may carry these (a DELETE without a body is fine). */
export const followUpSchema = z.object(followUpFields).strict();

export const deleteMessageQuerySchema = z.object({
	for: z
		.enum(['everyone', 'me'])
		.optional()
		.describe('everyone (default): the message disappears for everyone in the chat; me: only from this account\'s devices'),
});

export const editMessageSchema = z
	.object({
		text: z.string().min(1).max(65_536).describe('The new text (or caption, for a photo, video or document)'),
		...followUpFields,
	})
	.strict();

export const forwardMessageSchema = z
	.object({
		to: z.string().min(1).describe('A phone number or a chat id (…@c.us, …@g.us) to forward the message to'),
		lane: z.enum(LANES).optional().describe('reply: short delays, ahead of bulk; bulk (default): campaign pacing'),
		checkNumber: z.boolean().optional().describe('Check the number is on WhatsApp first; fails with NOT_ON_WHATSAPP if not'),
		...followUpFields,
	})
	.strict();
