import type { Express } from 'express';
import { Registry } from 'prom-client';
import { createLogger } from '../../../sidecar/src/logger';
import { createApp } from '../../../sidecar/src/http/app';
import { ROUTES } from '../../../sidecar/src/http/openapi';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';
import { scriptedEngines } from '../../support/scriptedEngine';

/** Every method + path the express app really serves, in OpenAPI form (`:id` → `{id}`). */
function servedRoutes(app: Express): string[] {
	const found: string[] = [];
	const walk = (stack: any[], prefix: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
		for (const layer of stack) {
			if (layer.route) {
				for (const method of Object.keys(layer.route.methods)) {
					found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}'));
				}
			} else if (layer.handle?.stack) {
				const mount = layer.matchers?.[0]?.('/api/x') ? '/api' : '';
				walk(layer.handle.stack, prefix + (layer.name === 'router' ? mount : ''));
			}
		}
	};
	walk((app as unknown as { router: { stack: unknown[] } }).router.stack, '');
	return found.sort();
}

describe('GET /openapi.json', () => {
	let t: TestSidecar;
	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: scriptedEngines().factory });
	});
	afterAll(() => t.stop());

	it('documents every route the app serves, and nothing else', () => {
		const app = createApp({
			logger: createLogger('silent'),
			storage: async () => ({ writable: true, file: ':memory:' }),
			apiKey: 'k'.repeat(16),
			version: '0',
			serverInfo: () => ({}) as never,
			sessions: t.sidecar.sessions,
			messages: t.sidecar.messages,
			webhooks: t.sidecar.webhooks,
			receivedMedia: undefined as never,
			optOuts: undefined as never,
			campaigns: undefined as never,
			metrics: new Registry(),
		});
		const documented = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
		expect(servedRoutes(app)).toEqual(documented);
	});

	it('is served as an OpenAPI 3 document with request schemas from the validators', async () => {
		const { status, body } = await t.api('GET', '/openapi.json');
		expect(status).toBe(200);
		expect(body.openapi).toMatch(/^3\./);
		const create = body.paths['/api/sessions'].post;
		expect(create.requestBody.content['application/json'].schema.properties.id.type).toBe('string');
		expect(body.paths['/health'].get.security).toEqual([]);
	});

	it('lists the request errors a route can answer: body errors where it takes a body, PATH_INVALID where it has parameters', async () => {
		const { body } = await t.api('GET', '/openapi.json');
		const send = body.paths['/api/sessions/{id}/messages'].post.responses;
		expect(send[413].description).toMatch(/MEDIA_TOO_LARGE.*REFERENCE_TOO_LARGE.*BODY_TOO_LARGE/);
		expect(send[415].description).toMatch(/MEDIA_TYPE_NOT_ALLOWED.*UNSUPPORTED_MEDIA_TYPE.*CONTENT_ENCODING_UNSUPPORTED/);
		expect(send[400].description).toMatch(/INVALID_JSON.*PATH_INVALID/);
		expect(body.paths['/api/sessions/{id}'].get.responses[400].description).toMatch(/PATH_INVALID/);
		expect(body.paths['/api/sessions/{id}'].get.responses[413]).toBeUndefined();
		expect(body.paths['/api/sessions/{id}/screenshot'].get.responses[409].description).toMatch(/SESSION_NOT_RUNNING.*STARTING/);
		expect(body.paths['/api/sessions'].get.responses[400]).toBeUndefined();
	});
});
