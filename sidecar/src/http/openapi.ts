import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, JOB_STATUSES, REQUEST_ERROR_CODES, SESSION_ID_PATTERN_SOURCE, SESSION_STATUSES } from '../contract';
import { HTTP_STATUS } from './errorStatus';
import { createGroupSchema, groupParticipantsSchema, joinGroupSchema, updateGroupSchema } from './groupSchemas';
import { createSessionSchema, createWebhookSchema, pairingCodeSchema, replaySchema, sendMessageSchema, updateSessionSchema } from './schemas';
import { CHAT_ROUTES } from './openapiChats';
import { OPT_OUT_ROUTES } from './openapiOptOuts';
import { CAMPAIGN_ROUTES } from './openapiCampaigns';
import { editMessageSchema, forwardMessageSchema } from './changeSchemas';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface RouteDoc {
	method: Method;
	/** OpenAPI path, e.g. /api/sessions/{id}. */
	path: string;
	summary: string;
	body?: z.ZodType;
	/** Status → description; every route may also answer with the error shape. */
	responses: Record<number, string>;
	png?: boolean;
	public?: boolean;
}

/** Every route the sidecar serves. test/sidecar/http/openapi.test.ts checks this list against the app. */
export const ROUTES: RouteDoc[] = [
	{ method: 'get', path: '/health', summary: 'Liveness (no API key)', responses: { 200: 'Running' }, public: true },
	{ method: 'get', path: '/metrics', summary: 'Prometheus metrics', responses: { 200: 'Metrics in the text format' } },
	{ method: 'get', path: '/openapi.json', summary: 'This document', responses: { 200: 'OpenAPI 3 document' } },
	{
		method: 'get',
		path: '/api/server',
		summary: 'Version, uptime, browser, and whatsapp: the whatsapp-web.js version and the WhatsApp Web version (requested, saved, what each session runs and whether from the cache or web.whatsapp.com)',
		responses: { 200: 'Server info' },
	},
	{
		method: 'post',
		path: '/api/sessions',
		summary: 'Create a session (and start it unless start is false)',
		body: createSessionSchema,
		responses: { 201: 'The session', 400: 'Invalid body or id, PROXY_INVALID or PAIRING_PHONE_INVALID', 409: 'Exists', 429: 'Session limit reached' },
	},
	{ method: 'get', path: '/api/sessions', summary: 'List sessions', responses: { 200: '{sessions: [...]}' } },
	{ method: 'get', path: '/api/sessions/{id}', summary: 'A session: status, history, account, profile size, restarts', responses: { 200: 'The session', 404: 'Not found' } },
	{ method: 'post', path: '/api/sessions/{id}/start', summary: 'Start', responses: { 200: 'The session', 429: 'Too many QR starts', 503: 'No browser' } },
	{ method: 'post', path: '/api/sessions/{id}/stop', summary: 'Stop (stays stopped across sidecar restarts)', responses: { 200: 'The session' } },
	{ method: 'post', path: '/api/sessions/{id}/restart', summary: 'Restart the browser', responses: { 200: 'The session' } },
	{ method: 'post', path: '/api/sessions/{id}/logout', summary: 'Unlink the phone and remove the login', responses: { 200: 'The session' } },
	{ method: 'delete', path: '/api/sessions/{id}', summary: 'Stop, remove the login data and forget the session', responses: { 200: '{id, deleted: true}' } },
	{
		method: 'get',
		path: '/api/sessions/{id}/qr',
		summary: 'The current QR: JSON {raw, dataUrl, expiresAt, count}, or a PNG with Accept: image/png or ?format=png',
		responses: { 200: 'The QR', 404: 'QR_NOT_AVAILABLE (details.status says why)' },
		png: true,
	},
	{
		method: 'post',
		path: '/api/sessions/{id}/pairing-code',
		summary:
			'A pairing code for the phone to type (WhatsApp → Linked devices → Link with phone number instead): {code, phone, expiresAt, count}; ' +
			'new ones follow as session.pairing_code events',
		body: pairingCodeSchema,
		responses: {
			200: 'The code',
			400: 'PAIRING_PHONE_INVALID (not a number with its country code)',
			409: 'PAIRING_CODE_NOT_AVAILABLE: linked already (READY: a code could unlink it) or not waiting for a login; details.status says which',
			422: 'PAIRING_CODE_FAILED (WhatsApp Web gave no code)',
		},
	},
	{
		method: 'get',
		path: '/api/sessions/{id}/screenshot',
		summary: 'A PNG of the session page',
		responses: { 200: 'PNG', 409: 'SESSION_NOT_RUNNING: no browser, or no page yet (STARTING); details.status says which' },
		png: true,
	},
	{
		method: 'patch',
		path: '/api/sessions/{id}',
		summary: 'Change a session\'s settings (pacing merges key by key; quietHours: null turns them off)',
		body: updateSessionSchema,
		responses: { 200: 'The session', 400: 'Invalid settings, PROXY_INVALID or PAIRING_PHONE_INVALID' },
	},
	{
		method: 'post',
		path: '/api/sessions/{id}/messages',
		summary:
			'Queue a message: exactly one of text, media (+caption), location, contacts, poll or reaction; replyTo quotes a message, mentions for groups. Answered once it is on disk. ' +
			'sendBefore: not sent by then, the job ends `expired` with SEND_WINDOW_PASSED (event message.expired) and is never sent',
		body: sendMessageSchema,
		responses: {
			202: 'The job {jobId, status, kind, …}',
			200: 'The existing job (same idempotencyKey, same request)',
			409: 'IDEMPOTENCY_KEY_REUSED (the key came before with another recipient, content, send time, sendBefore or reference)',
			400:
				'Invalid body, RECIPIENT_INVALID, MEDIA_INVALID, CONTENT_MISSING, CONTENT_CONFLICT, LOCATION_INVALID, CONTACTS_INVALID, ' +
				'POLL_INVALID, REACTION_INVALID, MESSAGE_ID_INVALID, MENTION_INVALID, ' +
				'or SEND_BEFORE_INVALID (sendBefore not a time, already past, or not after sendAt)',
			413: 'MEDIA_TOO_LARGE, or REFERENCE_TOO_LARGE (over SIDECAR_REFERENCE_MAX_BYTES, or nested over 32 levels)',
			415: 'MEDIA_TYPE_NOT_ALLOWED',
		},
	},
	{ method: 'get', path: '/api/messages', summary: 'Jobs whose reference equals ?reference=<JSON>', responses: { 200: '{jobs: [...]}' } },
	{ method: 'get', path: '/api/messages/{jobId}', summary: 'A job: status, ack, history, reference', responses: { 200: 'The job', 404: 'JOB_NOT_FOUND' } },
	{
		method: 'delete',
		path: '/api/messages/{jobId}',
		summary:
			'A queued or scheduled job: cancel it (200, the job). A sent one: queue a delete job (202), ?for=everyone (default) or ?for=me; ' +
			'optional body {idempotencyKey, reference}. The job fails with DELETE_WINDOW_EXPIRED past WhatsApp\'s window (about 2 days)',
		responses: {
			200: 'The cancelled job, or the existing delete job (same idempotencyKey)',
			202: 'The delete job {jobId, kind: "delete", target: {jobId, messageId}, forEveryone, …}',
			409: 'JOB_NOT_CANCELLABLE (failed or cancelled, no message to delete) or JOB_NOT_SENT',
		},
	},
	{
		method: 'post',
		path: '/api/messages/{jobId}/edit',
		summary:
			'Queue an edit of a text (or caption) this sidecar sent: {text, idempotencyKey?, reference?}. ' +
			'The job fails with EDIT_WINDOW_EXPIRED past WhatsApp\'s window (about 15 minutes)',
		body: editMessageSchema,
		responses: {
			202: 'The edit job {jobId, kind: "edit", text, target: {jobId, messageId}, …}',
			200: 'The existing job (same idempotencyKey, same request)',
			409: 'JOB_NOT_SENT (not sent yet, or no message of its own), IDEMPOTENCY_KEY_REUSED',
			422: 'MESSAGE_NOT_EDITABLE (only texts and captions)',
		},
	},
	{
		method: 'post',
		path: '/api/sessions/{id}/messages/{messageId}/forward',
		summary:
			'Queue a forward of any message this session\'s WhatsApp has (received or sent) to {to}; paced like a message. ' +
			'The job fails with MESSAGE_NOT_FOUND when the page does not have the message',
		body: forwardMessageSchema,
		responses: {
			202: 'The forward job {jobId, kind: "forward", target: {jobId: null, messageId}, …}',
			200: 'The existing job (same idempotencyKey, same request)',
			400: 'RECIPIENT_INVALID, MESSAGE_ID_INVALID',
			409: 'IDEMPOTENCY_KEY_REUSED',
		},
	},
	{ method: 'get', path: '/api/sessions/{id}/queue', summary: 'The send queue: depth, what it waits for and until when, counters, first contacts against their daily cap', responses: { 200: 'The queue' } },
	{ method: 'post', path: '/api/sessions/{id}/queue/pause', summary: 'Hold the queue (accepting continues)', responses: { 200: 'The queue' } },
	{ method: 'post', path: '/api/sessions/{id}/queue/resume', summary: 'Send again', responses: { 200: 'The queue' } },
	{
		method: 'get',
		path: '/api/sessions/{id}/contacts/{number}',
		summary:
			'Is this number (or …@lid) on WhatsApp, is there a chat with it, would a message be a first contact? ' +
			'{registered, chatId, lid, phone, chatExists, firstContact}: lid is the linked id, phone the number behind a …@lid (null when WhatsApp does not tell)',
		responses: { 200: 'The answer', 400: 'RECIPIENT_INVALID', 409: 'SESSION_NOT_READY' },
	},
	{
		method: 'get',
		path: '/api/sessions/{id}/messages/{messageId}/media',
		summary: 'The media of a received message (kept SIDECAR_RECEIVED_MEDIA_RETENTION_MS), or of a chat history message (downloaded through a READY session on first ask, then kept)',
		responses: { 200: 'The file', 404: 'MEDIA_NOT_FOUND' },
	},
	{
		method: 'post',
		path: '/api/webhooks',
		summary: 'Subscribe a URL to events; deliveries are signed with the secret',
		body: createWebhookSchema,
		responses: {
			201: 'The subscription (without the secret)',
			400: 'Invalid body, or WEBHOOK_URL_INVALID (over 2048 characters, or a user:password@ in it)',
			422: 'WEBHOOK_URL_BLOCKED (a link-local or cloud metadata address, or a name resolving to one)',
		},
	},
	{ method: 'get', path: '/api/webhooks', summary: 'Subscriptions with delivery stats', responses: { 200: '{webhooks: [...]}' } },
	{ method: 'get', path: '/api/webhooks/{id}', summary: 'A subscription with delivery stats', responses: { 200: 'The subscription', 404: 'WEBHOOK_NOT_FOUND' } },
	{ method: 'delete', path: '/api/webhooks/{id}', summary: 'Unsubscribe (pending deliveries are dropped)', responses: { 200: '{id, deleted: true}' } },
	{ method: 'get', path: '/api/webhooks/{id}/dead-letters', summary: 'Events that ran out of attempts', responses: { 200: '{deadLetters: [...]}' } },
	{
		method: 'post',
		path: '/api/webhooks/{id}/dead-letters/replay',
		summary: 'Deliver dead letters again (all, or {ids})',
		body: replaySchema,
		responses: { 200: '{replayed: n}' },
	},
	...CHAT_ROUTES,
	// Opt-outs (issue 15)
	...OPT_OUT_ROUTES,
	// Campaigns (issue 15)
	...CAMPAIGN_ROUTES,
	// Groups (routes/groups.ts): immediate calls through a READY session.
	...groupRouteDocs(),
];

/**
 * The error answer. `code` lists every code a request can be answered with, and `x-codes` says for each
 * its HTTP status and whether the same request can ever succeed as it is (from the contract).
 */
const errorSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: {
					type: 'string',
					enum: REQUEST_ERROR_CODES,
					'x-codes': Object.fromEntries(
						REQUEST_ERROR_CODES.map((code) => [code, { status: HTTP_STATUS[code], permanent: ERROR_CODES[code].permanent }]),
					),
				},
				message: { type: 'string', description: 'For the person reading it in n8n: what went wrong and what to do' },
				details: {},
			},
		},
	},
};

/**
 * Answers any route can give because of what it shares with the others: the JSON body parser (on
 * routes that take a body) and path parameters. Merged into each route's own responses.
 */
function sharedResponses(route: RouteDoc): Record<number, string> {
	const shared: Record<number, string[]> = {};
	const add = (status: number, description: string) => (shared[status] ??= []).push(description);
	if (route.body) {
		add(400, 'INVALID_JSON, CONTENT_ENCODING_INVALID (not what Content-Encoding says) or BODY_INCOMPLETE');
		add(413, 'BODY_TOO_LARGE (over 32 MB; send big files as a media URL)');
		add(415, 'UNSUPPORTED_MEDIA_TYPE (not JSON in UTF-8) or CONTENT_ENCODING_UNSUPPORTED');
	}
	if (route.path.includes('{')) add(400, 'PATH_INVALID (a broken percent-escape in the path)');
	return Object.fromEntries(Object.entries(shared).map(([status, descriptions]) => [status, descriptions.join('; ')]));
}

function mergeResponses(own: Record<number, string>, shared: Record<number, string>): Record<number, string> {
	const merged = { ...own };
	for (const [status, description] of Object.entries(shared)) {
		const code = Number(status);
		merged[code] = merged[code] ? `${merged[code]}; ${description}` : description;
	}
	return merged;
}

/** The codes a message job's `error` can carry. */
const JOB_ERROR_CODES = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => ERROR_CODES[code].where !== 'request');

export function openApiDocument(version: string): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const route of ROUTES) {
		const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: m[1] === 'id' ? { type: 'string', pattern: SESSION_ID_PATTERN_SOURCE } : { type: 'string' },
		}));
		const responses = Object.fromEntries(
			Object.entries(mergeResponses(route.responses, sharedResponses(route))).map(([status, description]) => [
				status,
				Number(status) < 400
					? { description, content: route.png ? { 'image/png': {}, 'application/json': {} } : { 'application/json': {} } }
					: { description, content: { 'application/json': { schema: errorSchema } } },
			]),
		);
		(paths[route.path] ??= {})[route.method] = {
			summary: route.summary,
			...(parameters.length ? { parameters } : {}),
			...(route.body
				? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body) } } } }
				: {}),
			responses: { ...responses, default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } } },
			...(route.public ? { security: [] } : {}),
		};
	}
	return {
		openapi: '3.0.3',
		info: {
			title: 'WhatsApp sidecar',
			version,
			description:
				`Session statuses: ${SESSION_STATUSES.join(', ')}. Message statuses: ${JOB_STATUSES.join(', ')}. ` +
				`A failed or uncertain message keeps its error as {code, message}; codes: ${JOB_ERROR_CODES.join(', ')}.`,
		},
		components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
		security: [{ apiKey: [] }],
		paths,
	};
}

/** The group routes; every one needs a READY session (409 SESSION_NOT_READY) and may answer GROUP_ACTION_FAILED (422: WhatsApp Web refused or did not answer in time). */
function groupRouteDocs(): RouteDoc[] {
	const common = { 409: 'SESSION_NOT_READY', 422: 'GROUP_ACTION_FAILED (WhatsApp Web refused or did not answer in time)' };
	const group = { ...common, 400: 'GROUP_ID_INVALID', 404: 'GROUP_NOT_FOUND (this account knows no such group)' };
	const admin = { ...group, 403: 'GROUP_NOT_ADMIN (this account is not an admin of the group)' };
	return [
		{
			method: 'post',
			path: '/api/sessions/{id}/groups',
			summary: 'Create a group: {groupId, group, participants: [{input, id, result, code, message}]} (result: added, invite_sent, not_on_whatsapp, …)',
			body: createGroupSchema,
			responses: { ...common, 201: 'The group and what happened to each participant', 400: 'Invalid body, GROUP_PARTICIPANTS_INVALID' },
		},
		{
			method: 'post',
			path: '/api/sessions/{id}/groups/join',
			summary: 'Join the group of an invite code or chat.whatsapp.com link: {groupId, group}',
			body: joinGroupSchema,
			responses: { ...common, 200: 'Joined', 400: 'Invalid body', 422: 'GROUP_INVITE_INVALID (wrong, reset or expired), GROUP_ACTION_FAILED' },
		},
		{
			method: 'get',
			path: '/api/sessions/{id}/groups/{groupId}',
			summary: 'A group: id, subject, description, owner, createdAt, settings {messagesAdminsOnly, infoAdminsOnly}, participants [{id, phone, isAdmin, isSuperAdmin}], iAmAdmin',
			responses: { ...group, 200: 'The group' },
		},
		{
			method: 'patch',
			path: '/api/sessions/{id}/groups/{groupId}',
			summary: 'Change the subject, description and/or settings; answers the group as it is afterwards',
			body: updateGroupSchema,
			responses: { ...admin, 200: 'The group', 400: 'Invalid body, GROUP_ID_INVALID' },
		},
		{
			method: 'post',
			path: '/api/sessions/{id}/groups/{groupId}/participants',
			summary: 'Add, remove, promote or demote participants: {groupId, action, participants: [{input, id, result, code?, message}]}',
			body: groupParticipantsSchema,
			responses: { ...admin, 200: 'What happened to each participant', 400: 'Invalid body, GROUP_ID_INVALID, GROUP_PARTICIPANTS_INVALID' },
		},
		{ method: 'get', path: '/api/sessions/{id}/groups/{groupId}/invite', summary: 'The invite link: {groupId, code, link} (admins only)', responses: { ...admin, 200: 'The link' } },
		{
			method: 'delete',
			path: '/api/sessions/{id}/groups/{groupId}/invite',
			summary: 'Reset the invite link (the old one stops working): {groupId, code, link, revoked: true}',
			responses: { ...admin, 200: 'The new link' },
		},
		{ method: 'post', path: '/api/sessions/{id}/groups/{groupId}/leave', summary: 'Leave the group: {groupId, left: true}', responses: { ...group, 200: 'Left' } },
	];
}
