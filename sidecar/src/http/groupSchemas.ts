import { z } from 'zod';

/** Request bodies of the group routes (routes/groups.ts); /openapi.json describes them. */

/** WhatsApp's own limits: a subject of 100 characters, a description of 2048. */
const subject = z.string().trim().min(1).max(100).describe('The group\'s name (1 to 100 characters)');
const people = z.array(z.string().min(1).max(100)).max(50);
const participants = people
	.min(1)
	.describe('Phone numbers with their country code (628123456789, +62 812-3456-789) or WhatsApp ids (…@c.us, …@lid); up to 50');

export const createGroupSchema = z
	.object({ subject, participants: people.default([]).describe('Who to add: phone numbers with their country code or WhatsApp ids; up to 50 (none: a group of this account alone)') })
	.strict();

export const groupParticipantsSchema = z
	.object({
		action: z.enum(['add', 'remove', 'promote', 'demote']).describe('add, remove, promote (make admin) or demote (no longer admin)'),
		participants,
	})
	.strict();

export const updateGroupSchema = z
	.object({
		subject: subject.optional(),
		description: z.string().max(2048).optional().describe('The group\'s description; "" clears it'),
		settings: z
			.object({
				messagesAdminsOnly: z.boolean().optional().describe('Only admins can send messages'),
				infoAdminsOnly: z.boolean().optional().describe('Only admins can change the subject, description and picture'),
			})
			.strict()
			.optional(),
	})
	.strict()
	.refine((body) => body.subject !== undefined || body.description !== undefined || Object.values(body.settings ?? {}).some((v) => v !== undefined), {
		message: 'give at least one of subject, description, settings.messagesAdminsOnly, settings.infoAdminsOnly',
	});

export const joinGroupSchema = z
	.object({
		code: z.string().trim().min(1).max(300).describe('The invite code, or the whole link (https://chat.whatsapp.com/…)'),
	})
	.strict();
