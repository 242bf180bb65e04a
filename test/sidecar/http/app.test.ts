import { createApp } from '../../../sidecar/src/http/app';
import { createLogger } from '../../../sidecar/src/logger';
import { readJson } from '../../support/json';
import { listen } from '../../support/listen';

describe('the HTTP app', () => {
	const apiKey = 'test-key-0123456789';
	let server: Awaited<ReturnType<typeof listen>>;
	const serverInfo = () => ({
		version: '1.2.3',
		startedAt: '2026-01-01T00:00:00.000Z',
		uptimeSeconds: 5,
		nodeVersion: 'v20',
		browser: { executablePath: '/usr/bin/chromium', source: 'system' },
	});

	beforeAll(async () => {
		server = await listen(createApp({ logger: createLogger('silent'), apiKey, version: '1.2.3', serverInfo }));
	});
	afterAll(() => server.close());

	const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

	it('answers /health without a key', async () => {
		const response = await get('/health');
		expect(response.status).toBe(200);
		expect(await readJson(response)).toMatchObject({ status: 'ok', version: '1.2.3' });
	});

	it('refuses the API without a key, and with a wrong key, with distinct codes', async () => {
		const missing = await get('/api/server');
		expect(missing.status).toBe(401);
		expect((await readJson(missing)).error.code).toBe('API_KEY_MISSING');
		const wrong = await get('/api/server', { 'x-api-key': 'not-the-key' });
		expect(wrong.status).toBe(401);
		expect((await readJson(wrong)).error).toMatchObject({ code: 'API_KEY_INVALID', message: expect.stringMatching(/API key/) });
	});

	it('serves the API with the key, as X-Api-Key or as a bearer token', async () => {
		for (const headers of [{ 'x-api-key': apiKey }, { authorization: `Bearer ${apiKey}` }] as Record<string, string>[]) {
			const response = await get('/api/server', headers);
			expect(response.status).toBe(200);
			expect(await readJson(response)).toEqual(serverInfo());
		}
	});

	it('answers unknown routes and broken JSON with coded errors', async () => {
		const unknown = await get('/api/nothing-here', { 'x-api-key': apiKey });
		expect(unknown.status).toBe(404);
		expect((await readJson(unknown)).error.code).toBe('ROUTE_NOT_FOUND');
		const broken = await fetch(`${server.url}/api/server`, {
			method: 'POST',
			headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
			body: '{not json',
		});
		expect(broken.status).toBe(400);
		expect((await readJson(broken)).error.code).toBe('INVALID_JSON');
	});
});
