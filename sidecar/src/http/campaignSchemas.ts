import { z } from 'zod';
import { CAMPAIGN_STRATEGIES, JOB_STATUSES, SESSION_ID_PATTERN } from '../contract';
import { contentFields, mediaSchema } from './schemas';

/** Requests of the campaign routes (routes/campaigns.ts, issue 15); /openapi.json describes them. */

export const CAMPAIGN_MESSAGES_MAX = 50_000;
export const CAMPAIGN_SESSIONS_MAX = 20;
export const CAMPAIGN_PAGE_MAX = 1_000;

const variableValue = z.union([z.string().max(4_096), z.number(), z.boolean(), z.null()]);

const campaignMessageSchema = z
	.object({
		to: z.string().min(1).max(200).describe('The contact: a phone number or a chat id, as for a single message'),
		text: z.string().min(1).max(65_536).optional().describe('This contact\'s own text (instead of the template)'),
		media: mediaSchema.optional(),
		caption: z.string().max(4_096).optional(),
		location: contentFields.location,
		contacts: contentFields.contacts,
		poll: contentFields.poll,
		mentions: contentFields.mentions,
		variables: z
			.record(z.string().max(100), variableValue)
			.optional()
			.describe('The values of the template\'s {{placeholders}} for this contact'),
		reference: z.unknown().optional().describe('Any JSON value, echoed on this message\'s job and every event about it'),
	})
	.strict();

export const createCampaignSchema = z
	.object({
		name: z.string().trim().min(1).max(200),
		sessions: z
			.array(z.string().regex(SESSION_ID_PATTERN, 'not a session id'))
			.min(1)
			.max(CAMPAIGN_SESSIONS_MAX)
			.refine((ids) => new Set(ids).size === ids.length, 'a session is listed twice')
			.describe('The numbers (session ids) the messages are spread over'),
		messages: z.array(campaignMessageSchema).min(1).max(CAMPAIGN_MESSAGES_MAX).describe('One per contact'),
		template: z
			.string()
			.min(1)
			.max(65_536)
			.optional()
			.describe('Text with {{placeholders}} filled from each message\'s variables: the text, or the caption of a message with media'),
		sendAfter: z.iso.datetime({ offset: true }).optional().describe('No message goes before this ISO time'),
		sendBefore: z
			.string()
			.max(100)
			.optional()
			.describe('No message goes after this ISO time: the ones not sent by then end `expired` (SEND_WINDOW_PASSED)'),
		strategy: z
			.enum(CAMPAIGN_STRATEGIES)
			.default('spread')
			.describe('spread (default): a number that cannot send hands its messages to the others; hold: they wait for it'),
		checkNumber: z.boolean().optional(),
		idempotencyKey: z.string().min(1).max(200).optional().describe('Same key again → the same campaign, nothing sent twice (default: derived from the request)'),
	})
	.strict();

export type CreateCampaignRequest = z.output<typeof createCampaignSchema>;
export type CampaignMessageRequest = CreateCampaignRequest['messages'][number];

const statusList = z
	.string()
	.transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
	.pipe(z.array(z.enum(JOB_STATUSES)).min(1));

export const campaignMessagesQuerySchema = z
	.object({
		status: statusList.optional().describe('Only these statuses, comma-separated (sent,delivered)'),
		limit: z.coerce.number().int().min(1).max(CAMPAIGN_PAGE_MAX).default(100),
		cursor: z.string().max(100).optional().describe('nextCursor of the previous page'),
	})
	.strict();
