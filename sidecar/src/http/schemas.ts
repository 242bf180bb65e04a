import { z } from 'zod';
import { ANNOUNCED_JOB_STATUSES, EVENT_TYPES, FILTER_NAMES, LANES, SESSION_ID_PATTERN, SESSION_ID_RULE, type SubscriptionFilters } from '../contract';

/** Request bodies, in one place: routes validate with them and /openapi.json describes them. */

/** Text a phone shows (Linked devices): short, one line. */
const deviceLabel = z.string().min(1).max(50).regex(/^\P{Cc}+$/u, 'one line of text, without control characters');

/** How a session logs in, and through what; null removes a setting (PATCH). They apply from the next start. */
const loginSettings = {
	proxy: z
		.union([
			z.string().max(2048),
			z.object({ server: z.string().max(2048), username: z.string().max(256).optional(), password: z.string().max(256).optional() }).strict(),
			z.null(),
		])
		.optional()
		.describe(
			'The proxy this session\'s browser goes through: http://user:password@host:port (http, https or socks5; socks5 without a login), ' +
				'or {server, username, password}. Answers show it without the password (PROXY_INVALID when it cannot be used)',
		),
	deviceName: z.union([deviceLabel, z.null()]).optional().describe('What the phone lists under Linked devices (default: n8n WhatsApp Sidecar)'),
	browserName: z.union([deviceLabel, z.null()]).optional().describe('The browser name shown beside it (default: Chrome)'),
	pairWithPhone: z
		.union([z.string().max(40), z.null()])
		.optional()
		.describe('Log in with a pairing code for this number (with its country code) instead of a QR: no QR is shown, session.pairing_code events carry the codes'),
};
export const sessionConfigSchema = z
	.object({
		conflictPolicy: z
			.enum(['wait', 'takeover'])
			.optional()
			.describe('When WhatsApp is opened in another browser: wait it out (default) or take the session back'),
		pacing: z
			.record(z.string(), z.unknown())
			.optional()
			.describe('How messages are paced: minGapMs, jitterMs, reply, reaction, caps (firstContactPerDay among them), quietHours, warmup, typing (README: Pacing)'),
		...loginSettings,
		// What to do with incoming calls (i14-events); applies at once.
		calls: z
			.union([z.object({ autoReject: z.boolean(), message: z.string().min(1).max(4096).optional() }).strict(), z.null()])
			.optional()
			.describe('Incoming calls: {autoReject: true} declines them; with message, that text is queued to the caller. null removes the setting'),
	})
	.strict();

export const updateSessionSchema = z.object({ config: sessionConfigSchema }).strict();

export const pairingCodeSchema = z
	.object({
		phone: z.string().max(40).describe('The number of the phone to link, with its country code (+62 812 3456 789 or 628123456789)'),
	})
	.strict();

export const createSessionSchema = z
	.object({
		id: z.string().describe(`The session id: ${SESSION_ID_RULE}`),
		config: sessionConfigSchema.optional(),
		start: z.boolean().optional().describe('Start the session right away (default true)'),
	})
	.strict();

export const mediaSchema = z.union([
	z.object({ url: z.string().min(1).describe('http(s) URL fetched when the message is sent'), filename: z.string().optional() }).strict(),
	z
		.object({
			base64: z.string().min(1).describe('The file, base64 (a data: URL prefix is accepted)'),
			mimetype: z.string().min(3),
			filename: z.string().optional(),
		})
		.strict(),
]);

// Message content beyond text and media (issue 14). Shapes here; ranges, counts and ids are checked in
// sending/content/ so each problem gets its own code (LOCATION_INVALID, POLL_INVALID, …).
export const contentFields = {
	location: z
		.object({
			latitude: z.number().describe('Decimal degrees, -90 to 90'),
			longitude: z.number().describe('Decimal degrees, -180 to 180'),
			name: z.string().max(256).optional().describe('The place\'s name, shown above the map'),
			address: z.string().max(1024).optional(),
		})
		.strict()
		.optional()
		.describe('A map pin (LOCATION_INVALID when out of range)'),
	contacts: z
		.array(z.object({ name: z.string().max(256), phone: z.string().max(40).describe('With the country code') }).strict())
		.optional()
		.describe('Contact cards (vCards), 1 to 20, each built from a name and a phone number (CONTACTS_INVALID)'),
	poll: z
		.object({
			question: z.string().max(255),
			options: z.array(z.string().max(100)).describe('2 to 12 different options'),
			multiple: z.boolean().optional().describe('Voters may pick several options (default: one)'),
		})
		.strict()
		.optional()
		.describe('A poll (POLL_INVALID); its votes come back as events'),
	reaction: z
		.object({
			messageId: z.string().max(300).describe('The WhatsApp message id to react to (a message event\'s id, or a sent message\'s messageId)'),
			emoji: z.string().max(64).describe('One emoji; empty removes this account\'s reaction'),
		})
		.strict()
		.optional()
		.describe('An emoji on a message (REACTION_INVALID); always on the reply lane, paced by pacing.reaction; `to` is the chat the message is in'),
	replyTo: z
		.string()
		.min(1)
		.max(300)
		.optional()
		.describe('Quote this WhatsApp message id (a reply): with text, media, location, contacts or poll (MESSAGE_ID_INVALID; MESSAGE_NOT_FOUND on the job when the page lacks it)'),
	mentions: z
		.array(z.string().min(1).max(100))
		.max(256)
		.optional()
		.describe('People to mention (phone numbers or …@c.us/…@lid ids), with text or media; write @<number> in the text where each shows (MENTION_INVALID)'),
};

export const sendMessageSchema = z
	.object({
		to: z.string().min(1).describe('A phone number (+62 812-3456-789, 0812… with SIDECAR_DEFAULT_COUNTRY_CODE, 628123456789) or a chat id (…@c.us, …@g.us)'),
		text: z.string().min(1).max(65_536).optional().describe('Exactly one of text, media, location, contacts, poll, reaction (CONTENT_MISSING, CONTENT_CONFLICT)'),
		media: mediaSchema.optional(),
		caption: z.string().max(4_096).optional(),
		reference: z.unknown().optional().describe('Any JSON value (e.g. an appointment id), echoed in every status and event of this message'),
		idempotencyKey: z.string().min(1).max(200).optional().describe('Same key again → the existing job, never a second send'),
		sendAt: z.iso.datetime({ offset: true }).optional().describe('ISO time to send at (still paced)'),
		// Any string: a bad one is SEND_BEFORE_INVALID (acceptJob), a code that names the problem.
		sendBefore: z
			.string()
			.max(100)
			.optional()
			.describe('ISO time after which the message is never sent: not sent by then, it ends `expired` (SEND_WINDOW_PASSED). In the future and after sendAt (SEND_BEFORE_INVALID)'),
		lane: z.enum(LANES).optional().describe('reply: short delays, ahead of bulk; bulk (default): campaign pacing'),
		checkNumber: z.boolean().optional().describe('Check the number is on WhatsApp first; fails with NOT_ON_WHATSAPP if not'),
		...contentFields,
	})
	.strict()
	// Exactly one content field: checked in sending/content/ (CONTENT_MISSING, CONTENT_CONFLICT), not here, so the code names the problem.
	.refine((b) => b.caption === undefined || b.media !== undefined, { message: 'a caption goes with media', path: ['caption'] });

/** The contract's SubscriptionFilters, field for field (the compiler and a test keep them equal). */
const filterFields = {
	fromMe: z.boolean().optional().describe('true: only own messages; false: only others\''),
	groups: z.boolean().optional().describe('false: leave out group chats'),
	chats: z.array(z.string().min(3)).optional().describe('Only these chat ids'),
	ackStatuses: z
		.array(z.enum(ANNOUNCED_JOB_STATUSES))
		.optional()
		.describe(`Message status events: only these statuses (${ANNOUNCED_JOB_STATUSES.join(', ')})`),
} satisfies Record<(typeof FILTER_NAMES)[number], z.ZodType>;
const filtersSchema: z.ZodType<SubscriptionFilters> = z.object(filterFields).strict();

export const createWebhookSchema = z
	.object({
		url: z
			.url({ protocol: /^https?$/ })
			.describe(
				'Where events are POSTed (an n8n webhook URL): at most 2048 characters, no user:password@, ' +
					'not a link-local or cloud metadata address (WEBHOOK_URL_INVALID, WEBHOOK_URL_BLOCKED)',
			),
		events: z
			.array(z.enum([...EVENT_TYPES, '*']))
			.min(1)
			.describe(`Event types: ${EVENT_TYPES.join(', ')}, or * for all`),
		sessions: z.array(z.string().regex(SESSION_ID_PATTERN)).optional().describe('Only these sessions (default: all)'),
		filters: filtersSchema.optional(),
		secret: z.string().min(16).max(512).describe('HMAC-SHA256 key for X-Sidecar-Signature (at least 16 characters)'),
	})
	.strict();

export const replaySchema = z.object({ ids: z.array(z.string()).optional().describe('Only these dead letters (default: all)') }).strict();

// ---- Chats, presence and contact profiles (issue 14)
export const CHATS_PAGE_MAX = 100;
export const CHAT_MESSAGES_MAX = 100;
export const PRESENCE_SECONDS_MAX = 60;

/** Query strings arrive as text: `?limit=20`. */
const pageLimit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const listChatsQuerySchema = z
	.object({ limit: pageLimit(CHATS_PAGE_MAX, 20), cursor: z.string().min(1).max(1_000).optional() })
	.strip();

export const chatMessagesQuerySchema = z
	.object({ limit: pageLimit(CHAT_MESSAGES_MAX, 20), before: z.string().min(1).max(300).optional() })
	.strip();

export const presenceSchema = z
	.object({
		state: z.enum(['typing', 'recording', 'paused']).describe('typing or recording shows for `seconds`, then paused; paused stops it now'),
		seconds: z.number().int().min(1).max(PRESENCE_SECONDS_MAX).optional().describe(`How long typing/recording shows (default 10, at most ${PRESENCE_SECONDS_MAX})`),
	})
	.strict();

export const muteSchema = z
	.object({
		until: z.iso.datetime({ offset: true }).optional().describe('ISO time the mute ends'),
		seconds: z.number().int().min(60).max(10 * 366 * 86_400).optional().describe('Mute for this long (seconds) instead of until a time'),
	})
	.strict()
	.refine((b) => b.until === undefined || b.seconds === undefined, { message: 'give until or seconds, not both (neither: muted until unmuted)', path: ['until'] })
	.refine((b) => b.until === undefined || Date.parse(b.until) > Date.now(), { message: 'until is in the past', path: ['until'] });
