import { pollUntil } from '../../support/poll';
import { rawRequest, type RawRequest, type RawResponse } from '../../support/rawRequest';
import { scriptedEngines } from '../../support/scriptedEngine';
import { SeededRandom } from '../../support/seededRandom';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../../support/testSidecar';
import {
	GZIP_BOMB,
	HOSTILE_BODIES,
	HOSTILE_CONTENT_TYPES,
	HOSTILE_ENCODINGS,
	HOSTILE_HEADERS,
	HOSTILE_JSON_VALUES,
	HOSTILE_QUERIES,
	HOSTILE_SEGMENTS,
} from './fuzz/hostileValues';
import { fieldPaths, sampleBody, withField, type JsonSchema } from './fuzz/sampleBody';

/** Change it (FUZZ_SEED=…) to explore; a failure prints the seed with the request. */
const SEED = Number(process.env.FUZZ_SEED ?? 11);
const RANDOM_REQUESTS = 300;
const JSON_TYPE = { 'content-type': 'application/json' };

interface Operation {
	method: string;
	/** OpenAPI form: /api/sessions/{id}. */
	path: string;
	bodySchema?: JsonSchema;
}

/**
 * Every route in /openapi.json (so routes added later are covered without
 * touching this file; openapi.test.ts keeps that document complete) gets
 * malformed requests: broken path segments, bodies that are not JSON or JSON
 * of the wrong shape, deep nesting, huge strings, odd content types and
 * encodings. A 5xx, a non-JSON error or an error-level log line fails the test
 * with the request that caused it. Deterministic: a fixed list, then a seeded
 * random mix.
 */
describe('API fuzz (every route in /openapi.json)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	/** Ids that exist, so requests also get past the "not found" checks. */
	const known: Record<string, string> = {};

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_MAX_SESSIONS: '5' } });
		known.session = 'fuzz';
		await ensureReady();
		known.job = (await t.api('POST', '/api/sessions/fuzz/messages', { to: '628111000111', text: 'hi', reference: { a: 1 } })).body.jobId;
		known.webhook = (await t.api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/fuzz', events: ['message'], secret: 'x'.repeat(16) })).body.id;
		expect(Object.values(known).every(Boolean)).toBe(true);
	});
	afterAll(() => t.stop());

	/** The fuzz session READY again (requests stop, log out, restart and delete it), so routes that need it get past that check. */
	async function ensureReady(): Promise<void> {
		let { status } = (await t.api('GET', '/api/sessions/fuzz')).body;
		if (status === 'READY') return;
		if (status === undefined) status = (await t.api('POST', '/api/sessions', { id: 'fuzz', start: false })).body.status;
		if (status !== 'STARTING') expect((await t.api('POST', '/api/sessions/fuzz/start')).status).toBe(200);
		engines.latest().emit({ type: 'ready', account: { wid: '15550009999@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/fuzz').then((a) => a.body.status), (s) => s === 'READY', { what: 'fuzz READY' });
	}

	it('answers every malformed request with a coded 4xx (or a success), never a 5xx', async () => {
		const started = Date.now();
		const logsBefore = t.logs.length;
		const document = (await t.api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, JsonSchema>> };
		const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
			Object.entries(methods).map(([method, spec]) => ({
				method: method.toUpperCase(),
				path,
				bodySchema: spec.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
			})),
		);
		// Deleting what the other requests use goes last.
		operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
		expect(operations.length).toBeGreaterThanOrEqual(30);

		const failures: string[] = [];
		/** How often each answer came (`400 VALIDATION_FAILED`, `200`), to see the requests got somewhere. */
		const answers = new Map<string, number>();
		let count = 0;
		const send = async (request: RawRequest) => {
			count += 1;
			let response: RawResponse | undefined;
			let problem: string | undefined;
			try {
				response = await rawRequest(t.sidecar.url, { ...request, headers: { 'x-api-key': TEST_API_KEY, ...request.headers } }, 20_000);
				problem = verdict(response);
				const key = `${response.status} ${(response.json as { error?: { code?: string } } | undefined)?.error?.code ?? ''}`.trim();
				answers.set(key, (answers.get(key) ?? 0) + 1);
			} catch (error) {
				problem = `no answer: ${(error as Error).message}`;
			}
			if (problem) failures.push(`${problem}\n  seed ${SEED}, request #${count}: ${summary(request)}\n  answer: ${response ? preview(response.body) : '-'}`);
		};

		// 1. Systematically: each route with each broken path segment, each whole body, each field broken, each odd type and encoding.
		for (const op of operations) {
			await ensureReady();
			const path = fill(op.path);
			const base = op.bodySchema ? sampleBody(op.bodySchema) : undefined;
			const baseJson = JSON.stringify(base ?? {});
			for (const name of paramNames(op.path)) {
				for (const segment of HOSTILE_SEGMENTS) {
					await send({ method: op.method, path: fill(op.path, { [name]: segment }), headers: base ? JSON_TYPE : {}, body: base ? baseJson : undefined });
				}
			}
			for (const body of HOSTILE_BODIES) await send({ method: op.method, path, headers: JSON_TYPE, body });
			if (op.bodySchema) {
				for (const field of fieldPaths(op.bodySchema)) {
					for (const value of HOSTILE_JSON_VALUES) await send({ method: op.method, path, headers: JSON_TYPE, body: withField(base, field, value) });
				}
				await send({ method: op.method, path, headers: JSON_TYPE, body: withField(base, ['unexpected'], '1') });
				// Over the limit: announced, and streamed without a length; a gzip bomb.
				await send({ method: op.method, path, headers: JSON_TYPE, body: Buffer.alloc(32 * 1024 * 1024 + 1, 0x20) });
				await send({ method: op.method, path, headers: JSON_TYPE, body: Array.from({ length: 33 }, () => Buffer.alloc(1024 * 1024, 0x20)) });
				await send({ method: op.method, path, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: GZIP_BOMB });
			}
			for (const contentType of HOSTILE_CONTENT_TYPES) await send({ method: op.method, path, headers: { 'content-type': contentType }, body: baseJson });
			for (const { encoding, body } of HOSTILE_ENCODINGS) {
				await send({ method: op.method, path, headers: { ...JSON_TYPE, 'content-encoding': encoding }, body: body(baseJson) });
			}
			for (const query of HOSTILE_QUERIES) await send({ method: op.method, path: `${path}${query}` });
			await send({ method: 'PUT', path }); // a method the route does not have
		}

		// 2. A seeded mix of all of it, for combinations the list does not make.
		const random = new SeededRandom(SEED);
		const live = operations.filter((op) => op.method !== 'DELETE');
		for (let i = 0; i < RANDOM_REQUESTS; i++) {
			if (i % 50 === 0) await ensureReady();
			const op = random.pick(live);
			const segments = Object.fromEntries(paramNames(op.path).filter(() => random.chance(0.5)).map((name) => [name, random.pick(HOSTILE_SEGMENTS)]));
			const base = op.bodySchema ? sampleBody(op.bodySchema) : {};
			let body =
				op.bodySchema && random.chance(0.6)
					? withField(base, random.pick(fieldPaths(op.bodySchema)), random.pick(HOSTILE_JSON_VALUES))
					: random.chance(0.5)
						? random.pick(HOSTILE_BODIES)
						: JSON.stringify(base);
			const headers: Record<string, string> = { 'content-type': random.chance(0.7) ? 'application/json' : random.pick(HOSTILE_CONTENT_TYPES), ...random.pick(HOSTILE_HEADERS) };
			let encoded: Buffer | undefined;
			if (random.chance(0.2)) {
				const encoding = random.pick(HOSTILE_ENCODINGS);
				headers['content-encoding'] = encoding.encoding;
				encoded = encoding.body(body);
				body = '';
			}
			await send({ method: op.method, path: fill(op.path, segments) + random.pick(HOSTILE_QUERIES), headers, body: encoded ?? body });
		}

		// Still serving, and nothing worth an error in the log.
		expect((await t.api('GET', '/api/sessions')).status).toBe(200);
		const errorLines = t.logs.slice(logsBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
		for (const line of errorLines.slice(0, 5)) failures.push(`logged at error level: ${line.slice(0, 600)}`);
		const tally = [...answers].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key}: ${n}`);
		console.log(
			`API fuzz: ${count} requests to ${operations.length} routes (seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
				`${failures.length} failures\n${tally.join(', ')}`,
		);
		expect(failures.slice(0, 10)).toEqual([]);
	}, 180_000); // a safety net for a loaded machine, not a limit: about 15 s here

	/** `/api/sessions/{id}` with the known id for that kind of path, or the given raw segments. */
	function fill(path: string, segments: Record<string, string> = {}): string {
		return path.replace(/\{(\w+)\}/g, (_, name: string) => segments[name] ?? knownValue(path, name));
	}

	function knownValue(path: string, name: string): string {
		if (name === 'jobId') return known.job;
		if (name === 'number') return '628111000111';
		if (name === 'messageId') return encodeURIComponent('false_628111@c.us_FUZZ');
		return path.startsWith('/api/webhooks') ? known.webhook : known.session;
	}
});

function paramNames(path: string): string[] {
	return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** What is wrong with an answer, if anything: a 5xx, or an error that is not our JSON shape. */
function verdict(response: RawResponse): string | undefined {
	if (response.status >= 500) return `answered ${response.status}`;
	if (response.status < 400) return undefined;
	// Node's HTTP parser answers some requests itself (431 for an endless URL), before express sees them.
	if (response.json === undefined) return [400, 414, 431].includes(response.status) && response.body.length === 0 ? undefined : `answered ${response.status} without a JSON error`;
	const error = (response.json as { error?: { code?: unknown; message?: unknown } }).error;
	if (typeof error?.code !== 'string' || typeof error.message !== 'string') return `answered ${response.status} without an error code and message`;
	return undefined;
}

function summary(request: RawRequest): string {
	const body = request.body === undefined ? '' : Array.isArray(request.body) ? `${request.body.length} chunks` : preview(request.body);
	return `${request.method} ${preview(request.path)} ${JSON.stringify(request.headers ?? {})} body: ${body}`;
}

function preview(data: string | Buffer): string {
	const text = typeof data === 'string' ? data : data.toString('utf8');
	return text.length > 160 ? `${JSON.stringify(text.slice(0, 160))}… (${text.length} characters)` : JSON.stringify(text);
}
