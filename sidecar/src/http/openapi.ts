import { z } from 'zod';
import { SESSION_STATUSES } from '../sessions/SessionStatus';
import { createSessionSchema } from './schemas';

type Method = 'get' | 'post' | 'delete';

interface RouteDoc {
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
	{ method: 'get', path: '/api/server', summary: 'Version, uptime and browser', responses: { 200: 'Server info' } },
	{
		method: 'post',
		path: '/api/sessions',
		summary: 'Create a session (and start it unless start is false)',
		body: createSessionSchema,
		responses: { 201: 'The session', 400: 'Invalid body or id', 409: 'Exists', 429: 'Session limit reached' },
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
	{ method: 'get', path: '/api/sessions/{id}/screenshot', summary: 'A PNG of the session page', responses: { 200: 'PNG', 409: 'Not running' }, png: true },
];

const errorSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
		},
	},
};

export function openApiDocument(version: string): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const route of ROUTES) {
		const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
		}));
		const responses = Object.fromEntries(
			Object.entries(route.responses).map(([status, description]) => [
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
		info: { title: 'WhatsApp sidecar', version, description: `Session statuses: ${SESSION_STATUSES.join(', ')}` },
		components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
		security: [{ apiKey: [] }],
		paths,
	};
}
