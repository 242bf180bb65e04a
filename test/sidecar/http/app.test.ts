import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../../support/testSidecar';

describe('the HTTP app', () => {
	let t: TestSidecar;

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: scriptedEngines().factory });
	});
	afterAll(() => t.stop());

	const bare = (path: string, headers: Record<string, string> = {}) => fetch(`${t.sidecar.url}${path}`, { headers });

	it('answers /health without a key', async () => {
		const response = await bare('/health');
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
	});

	it('refuses the API without a key, and with a wrong key, with distinct codes', async () => {
		const missing = await bare('/api/server');
		expect(missing.status).toBe(401);
		expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('API_KEY_MISSING');
		const wrong = await bare('/api/server', { 'x-api-key': 'not-the-key' });
		expect(wrong.status).toBe(401);
		expect(((await wrong.json()) as { error: object }).error).toMatchObject({
			code: 'API_KEY_INVALID',
			message: expect.stringMatching(/API key/),
		});
	});

	it('serves the API with the key, as X-Api-Key or as a bearer token', async () => {
		for (const headers of [{ 'x-api-key': TEST_API_KEY }, { authorization: `Bearer ${TEST_API_KEY}` }] as Array<
			Record<string, string>
		>) {
			const response = await bare('/api/server', headers);
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ browser: { executablePath: expect.stringMatching(/chrom/i) } });
		}
	});

	it('answers unknown routes and broken JSON with coded errors', async () => {
		const unknown = await t.api('GET', '/api/nothing-here');
		expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
		const broken = await t.api('POST', '/api/sessions', '{not json');
		expect([broken.status, broken.body.error.code]).toEqual([400, 'INVALID_JSON']);
	});

	it('never writes the API key to the log', async () => {
		await t.api('GET', '/api/server');
		await fetch(`${t.sidecar.url}/api/server`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
		expect(t.logs.some((line) => line.includes('"url":"/api/server"'))).toBe(true);
		expect(t.logs.filter((line) => line.includes(TEST_API_KEY))).toEqual([]);
	});

	it('refuses a key in the query string, and keeps it out of the logged URL', async () => {
		const urls = [`/api/server?apiKey=${TEST_API_KEY}`, `/api/sessions?format=json&X-API-KEY=${TEST_API_KEY}`, `/api/nothing?token=${TEST_API_KEY}`];
		for (const url of urls) expect((await bare(url)).status).toBe(401);
		// The request line is written when the response finishes, which can be just after the client has it.
		const lines = await pollUntil(
			() => t.logs.filter((line) => /"url":"\/api\/(server|sessions|nothing)\?/.test(line)),
			(found) => found.length >= urls.length,
			{ what: 'the three request lines', timeoutMs: 10_000, context: () => t.logs.slice(-5).join('\n') },
		);
		expect(lines.join('\n')).toMatch(/"url":"\/api\/server\?apiKey=\[REDACTED\]"/);
		expect(t.logs.filter((line) => line.includes(TEST_API_KEY))).toEqual([]);
	});
});
