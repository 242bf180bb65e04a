import zlib from 'zlib';
import { pollUntil } from '../../support/poll';
import { abandonRequest, rawRequest, type RawRequest } from '../../support/rawRequest';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../../support/testSidecar';

const MB = 1024 * 1024;

/**
 * Requests a careless or hostile client sends: each gets a 4xx with a stable code and a message a
 * person can act on, never a 500, and nothing at error level in the log (that is for real surprises).
 */
describe('hostile requests', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory });
		await t.api('POST', '/api/sessions', { id: 'desk' });
		engines.latest().emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk').then((a) => a.body.status), (s) => s === 'READY', { what: 'desk READY' });
	});
	afterAll(() => t.stop());

	const send = (request: RawRequest) =>
		rawRequest(t.sidecar.url, { ...request, headers: { 'x-api-key': TEST_API_KEY, ...request.headers } });
	const json = { 'content-type': 'application/json' };
	let logsBefore = 0;
	/** Lines at error level (or worse) written during this test. */
	const errorLines = () => t.logs.slice(logsBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
	const expectError = (response: { status: number; json?: { error?: { code?: string; message?: string } } }, status: number, code: string) => {
		expect([response.status, response.json?.error?.code]).toEqual([status, code]);
		expect(response.json?.error?.message).toEqual(expect.any(String));
	};

	beforeEach(() => {
		logsBefore = t.logs.length;
	});
	afterEach(() => {
		expect(errorLines().map((line) => line.slice(0, 400))).toEqual([]);
	});

	it('a body over 32 MB (a 25 MB file as base64) is 413 BODY_TOO_LARGE, pointing to media URLs', async () => {
		const file = Buffer.alloc(25 * MB, 1);
		const body = JSON.stringify({ to: '628111000111', media: { base64: file.toString('base64'), mimetype: 'application/pdf' } });
		const response = await send({ method: 'POST', path: '/api/sessions/desk/messages', headers: json, body });
		expectError(response, 413, 'BODY_TOO_LARGE');
		expect(response.json.error.message).toMatch(/32 MB/);
		expect(response.json.error.message).toMatch(/media URL/);
		expect(response.json.error.details).toMatchObject({ limitBytes: 32 * MB });
	});

	it('a body over the limit without a Content-Length (chunked) is cut at the limit: 413 too', async () => {
		const chunks = Array.from({ length: 33 }, () => Buffer.alloc(MB, 0x20));
		const response = await send({ method: 'POST', path: '/api/sessions/desk/messages', headers: json, body: chunks });
		expectError(response, 413, 'BODY_TOO_LARGE');
	});

	it('an unknown Content-Encoding is 415 CONTENT_ENCODING_UNSUPPORTED; a false one 400 CONTENT_ENCODING_INVALID; a true one works', async () => {
		const body = JSON.stringify({ id: 'zipped', start: false });
		const unknown = await send({ method: 'POST', path: '/api/sessions', headers: { ...json, 'content-encoding': 'compress' }, body });
		expectError(unknown, 415, 'CONTENT_ENCODING_UNSUPPORTED');
		expect(unknown.json.error.message).toMatch(/compress/);
		const lying = await send({ method: 'POST', path: '/api/sessions', headers: { ...json, 'content-encoding': 'gzip' }, body });
		expectError(lying, 400, 'CONTENT_ENCODING_INVALID');
		const truthful = await send({ method: 'POST', path: '/api/sessions', headers: { ...json, 'content-encoding': 'gzip' }, body: zlib.gzipSync(body) });
		expect(truthful.status).toBe(201);
	});

	it('JSON in another charset than UTF-8, or a body that is not JSON, is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
		const body = JSON.stringify({ id: 'latin', start: false });
		const latin1 = await send({ method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json; charset=latin1' }, body });
		expectError(latin1, 415, 'UNSUPPORTED_MEDIA_TYPE');
		expect(latin1.json.error.message).toMatch(/UTF-8/);
		const text = await send({ method: 'POST', path: '/api/sessions', headers: { 'content-type': 'text/plain' }, body });
		expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
		expect(text.json.error.message).toMatch(/application\/json/);
		// curl -d without -H sends this.
		const form = await send({ method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
		expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
		const utf8 = await send({ method: 'POST', path: '/api/sessions', headers: { 'content-type': 'application/json; charset=UTF-8' }, body });
		expect(utf8.status).toBe(201);
	});

	it('a broken percent-escape in the path is 400 PATH_INVALID', async () => {
		for (const path of ['/api/sessions/%FF', '/api/sessions/%E0%A4%A/qr', '/api/messages/%zz', '/api/webhooks/%']) {
			expectError(await send({ method: 'GET', path }), 400, 'PATH_INVALID');
		}
	});

	it('a reference nested 5,000 deep is 413 REFERENCE_TOO_LARGE, even where its size would pass', async () => {
		const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
		const body = `{"to":"628111000111","text":"hi","reference":${deep(5_000)}}`;
		const response = await send({ method: 'POST', path: '/api/sessions/desk/messages', headers: json, body });
		expectError(response, 413, 'REFERENCE_TOO_LARGE');
		// Far deeper, still refused before anything recurses over it.
		const deeper = `{"to":"628111000111","text":"hi","reference":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
		expectError(await send({ method: 'POST', path: '/api/sessions/desk/messages', headers: json, body: deeper }), 413, 'REFERENCE_TOO_LARGE');
		// Small enough in bytes, too deep all the same.
		const narrow = `{"to":"628111000111","text":"hi","reference":${'['.repeat(100)}${']'.repeat(100)}}`;
		const refused = await send({ method: 'POST', path: '/api/sessions/desk/messages', headers: json, body: narrow });
		expectError(refused, 413, 'REFERENCE_TOO_LARGE');
		expect(refused.json.error.message).toMatch(/deep/);
	});

	it('a screenshot while the session is STARTING is 409 SESSION_NOT_RUNNING with the status', async () => {
		engines.prepareNext((engine) => (engine.startWith = 'hang'));
		const creating = t.api('POST', '/api/sessions', { id: 'early' });
		await pollUntil(() => t.api('GET', '/api/sessions/early').then((a) => a.body.status), (s) => s === 'STARTING', { what: 'early STARTING' });
		const response = await send({ method: 'GET', path: '/api/sessions/early/screenshot' });
		expectError(response, 409, 'SESSION_NOT_RUNNING');
		expect(response.json.error.details).toEqual({ status: 'STARTING' });
		expect(response.json.error.message).toMatch(/starting/i);
		engines.prepareNext(() => undefined);
		engines.latest().finishStart();
		expect((await creating).status).toBe(201);
	});

	it('a client that goes away in the middle of its body is not an error', async () => {
		await abandonRequest(t.sidecar.url, {
			method: 'POST',
			path: '/api/sessions?abandoned',
			headers: { 'x-api-key': TEST_API_KEY, ...json },
			announced: 1_000,
			sent: Buffer.from('{"id":"gone'),
		});
		await pollUntil(
			() => t.logs.slice(logsBefore).filter((line) => /went away|unhandled error/.test(line)),
			(lines) => lines.length > 0,
			{ what: 'the log line about the abandoned request', timeoutMs: 10_000, context: () => t.logs.slice(-5).join('\n') },
		);
	});
});
