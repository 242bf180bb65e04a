import type { Resolver } from '../../../sidecar/src/net/checkedLookup';
import { systemResolver } from '../../../sidecar/src/net/checkedLookup';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { pollUntil } from '../../support/poll';
import { startReceiver } from '../../support/receiver';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const SECRET = 'a-secret-of-at-least-16';

describe('webhook delivery (scripted engine, local receiver)', () => {
	let t: TestSidecar;
	const receivers: Array<Awaited<ReturnType<typeof startReceiver>>> = [];
	const engines = scriptedEngines();
	let engine: ScriptedEngine;
	/** Host names the sidecar resolves without DNS (others go to DNS); a test may change them between calls. */
	const names = new Map<string, string[]>();
	const lookup: Resolver = (hostname, options, callback) => {
		const addresses = names.get(hostname);
		if (!addresses) return systemResolver(hostname, options, callback);
		callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
	};

	const incoming = (id: string, chatId: string, text: string, extra: object = {}) =>
		engine.emit({
			type: 'message',
			message: { id, chatId, sender: chatId, fromMe: false, type: 'chat', text, timestamp: 1, isGroup: chatId.endsWith('@g.us'), ...extra },
		});
	const receiver = async () => {
		const r = await startReceiver();
		receivers.push(r);
		return r;
	};
	const subscribe = async (url: string, body: Record<string, unknown> = {}) => {
		const created = await t.api('POST', '/api/webhooks', { url, events: ['message'], secret: SECRET, ...body });
		expect(created.status).toBe(201);
		return created.body.id as string;
	};
	const stats = async (id: string) => (await t.api('GET', `/api/webhooks/${id}`)).body.stats;
	const statsUntil = (id: string, done: (s: Record<string, number>) => boolean, what: string) =>
		pollUntil(() => stats(id), done, { what, timeoutMs: 15_000, context: () => t.logs.slice(-10).join('\n') });

	beforeAll(async () => {
		t = await startTestSidecar({
			engineFactory: engines.factory,
			lookup,
			env: {
				SIDECAR_PACING: 'off',
				SIDECAR_WEBHOOK_BACKOFF_BASE_MS: '100',
				SIDECAR_WEBHOOK_BACKOFF_CAP_MS: '400',
				SIDECAR_WEBHOOK_ATTEMPTS: '3',
				SIDECAR_WEBHOOK_TIMEOUT_MS: '500',
			},
		});
		await t.api('POST', '/api/sessions', { id: 'desk' });
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
	});
	afterEach(async () => {
		for (const w of (await t.api('GET', '/api/webhooks')).body.webhooks) await t.api('DELETE', `/api/webhooks/${w.id}`);
		await Promise.all(receivers.splice(0).map((r) => r.close()));
		names.clear();
	});
	afterAll(() => t.stop());

	it('delivers a signed message event with a stable id; a wrong secret does not verify', async () => {
		const r = await receiver();
		const created = await t.api('POST', '/api/webhooks', { url: r.url, events: ['message'], secret: SECRET });
		expect(created.status).toBe(201);
		expect(created.body.secret).toBeUndefined();
		expect(created.body).toMatchObject({ url: r.url, events: ['message'], sessions: null, filters: {}, stats: { pending: 0, delivered: 0 } });
		incoming('false_628111@c.us_A1', '628111@c.us', 'hello');
		const [request] = await r.waitFor((all) => all.length >= 1, 'one delivery');
		expect(request.body).toMatchObject({ type: 'message', session: 'desk', payload: { id: 'false_628111@c.us_A1', text: 'hello', chatId: '628111@c.us' } });
		expect(request.headers['x-sidecar-event-id']).toBe(request.body.id);
		expect(request.headers['x-sidecar-attempt']).toBe('1');
		expect(Math.abs(Number(request.headers['x-sidecar-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
		expect(r.verifies(request, SECRET)).toBe(true);
		expect(r.verifies(request, 'another-secret-of-16+')).toBe(false);
		const after = await statsUntil(created.body.id, (s) => s.delivered === 1, 'one delivered');
		expect(after).toMatchObject({ delivered: 1, pending: 0, deadLetters: 0, failedAttempts: 0, lastError: null, lastDeliveredAt: expect.any(String) });
	});

	it('refuses bad subscriptions with VALIDATION_FAILED and unknown ids with WEBHOOK_NOT_FOUND', async () => {
		const good = { url: 'http://127.0.0.1:9/hook', events: ['message'], secret: SECRET };
		const bad: Array<Record<string, unknown>> = [
			{ ...good, url: 'not a url' },
			{ ...good, url: 'ftp://127.0.0.1/hook' },
			{ ...good, events: [] },
			{ ...good, events: ['message.read'] },
			{ ...good, events: 'message' },
			{ ...good, secret: 'too-short' },
			{ url: good.url, events: good.events },
			{ ...good, sessions: ['not a session id'] },
			{ ...good, filters: { fromMe: 'yes' } },
			{ ...good, filters: { unknown: true } },
			{ ...good, extra: 1 },
		];
		for (const body of bad) {
			const answer = await t.api('POST', '/api/webhooks', body);
			expect([JSON.stringify(body), answer.status, answer.body.error?.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
		}
		expect((await t.api('GET', '/api/webhooks')).body.webhooks).toEqual([]);
		for (const [method, url] of [
			['GET', '/api/webhooks/wh_nope'],
			['DELETE', '/api/webhooks/wh_nope'],
			['GET', '/api/webhooks/wh_nope/dead-letters'],
			['POST', '/api/webhooks/wh_nope/dead-letters/replay'],
		]) {
			const answer = await t.api(method, url);
			expect([method, url, answer.status, answer.body.error?.code]).toEqual([method, url, 404, 'WEBHOOK_NOT_FOUND']);
		}
		const id = await subscribe(good.url);
		const replay = await t.api('POST', `/api/webhooks/${id}/dead-letters/replay`, { ids: 'all' });
		expect([replay.status, replay.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
	});

	it('refuses URLs that are too long or carry credentials (WEBHOOK_URL_INVALID) and metadata or link-local addresses (WEBHOOK_URL_BLOCKED)', async () => {
		const base = 'http://127.0.0.1:9/';
		const ofLength = (n: number) => base + 'a'.repeat(n - base.length);
		const register = async (url: string) => {
			const answer = await t.api('POST', '/api/webhooks', { url, events: ['message'], secret: SECRET });
			return [url.slice(0, 60), answer.status, answer.body.error?.code ?? 'created'];
		};
		const invalid = [ofLength(2049), ofLength(10 * 1024 * 1024), 'http://user:pass@127.0.0.1:9/hook', 'https://token@127.0.0.1:9/hook'];
		const all = (urls: string[]) => Promise.all(urls.map(register));
		const expected = (urls: string[], status: number, code: string) => urls.map((url) => [url.slice(0, 60), status, code]);
		expect(await all(invalid)).toEqual(expected(invalid, 400, 'WEBHOOK_URL_INVALID'));
		const blocked = [
			'http://169.254.169.254/latest/meta-data/',
			'http://169.254.1.2:5678/webhook/x',
			'http://[fd00:ec2::254]/latest/meta-data/',
			'http://[fe80::1]:5678/webhook/x',
			'http://[::ffff:169.254.169.254]/',
			'http://[64:ff9b::a9fe:a9fe]/',
			'http://0xa9fea9fe/',
		];
		expect(await all(blocked)).toEqual(expected(blocked, 422, 'WEBHOOK_URL_BLOCKED'));
		expect((await t.api('GET', '/api/webhooks')).body.webhooks).toEqual([]);
		const answer = await t.api('POST', '/api/webhooks', { url: 'http://user:pass@127.0.0.1:9/hook', events: ['message'], secret: SECRET });
		expect(answer.body.error.message).toMatch(/user name or password/);
		expect(answer.body.error.message).not.toMatch(/pass@/);
		const metadata = await t.api('POST', '/api/webhooks', { url: blocked[0], events: ['message'], secret: SECRET });
		expect(metadata.body.error.message).toMatch(/169\.254\.169\.254.*metadata/);
		// What n8n usually is: loopback, a private address, a name; and a URL of exactly the limit.
		const fine = [ofLength(2048), 'http://localhost:5678/webhook/x', 'http://10.0.0.5:5678/webhook/x', 'http://[fd00::5]:5678/', 'http://192.168.1.10/'];
		expect(await all(fine)).toEqual(expected(fine, 201, 'created'));
	});

	it('refuses a name that resolves to a metadata address, and checks the name again on every delivery (DNS rebinding)', async () => {
		names.set('metadata.test', ['169.254.169.254']);
		names.set('aws6.test', ['10.0.0.7', 'fd00:ec2::254']);
		for (const host of ['metadata.test', 'aws6.test']) {
			const answer = await t.api('POST', '/api/webhooks', { url: `http://${host}/hook`, events: ['message'], secret: SECRET });
			expect([host, answer.status, answer.body.error?.code]).toEqual([host, 422, 'WEBHOOK_URL_BLOCKED']);
			expect(answer.body.error.message).toMatch(new RegExp(`${host.replace('.', '\\.')}, which is .*cloud metadata`));
		}
		expect((await t.api('GET', '/api/webhooks')).body.webhooks).toEqual([]);
		// A name that is n8n on this machine when registered, and the metadata service afterwards.
		const r = await receiver();
		names.set('n8n.test', ['127.0.0.1']);
		const id = await subscribe(`http://n8n.test:${r.port}/hook`);
		incoming('false_628600@c.us_D1', '628600@c.us', 'while it was n8n');
		await statsUntil(id, (s) => s.delivered === 1, 'delivered through the name');
		expect(r.connections).toBe(1);
		names.set('n8n.test', ['127.0.0.1', '169.254.169.254']);
		incoming('false_628600@c.us_D2', '628600@c.us', 'after the name changed');
		const after = await statsUntil(id, (s) => s.failedAttempts >= 1, 'the attempt refused');
		expect(after.lastError).toMatch(/n8n\.test, which is 169\.254\.169\.254.*link-local or cloud metadata/);
		expect(r.connections).toBe(1);
		expect(r.received.map((x) => x.body.payload.text)).toEqual(['while it was n8n']);
	});

	it('delivers to localhost and to a name for a private address, as n8n usually is', async () => {
		const r = await receiver();
		names.set('n8n.lan', ['127.0.0.1']);
		const ids = [await subscribe(`http://localhost:${r.port}/hook`), await subscribe(`http://n8n.lan:${r.port}/hook`)];
		incoming('false_628700@c.us_L1', '628700@c.us', 'local');
		await r.waitFor((all) => all.length >= 2, 'both deliveries');
		expect(r.received.map((x) => x.headers.host).sort()).toEqual([`localhost:${r.port}`, `n8n.lan:${r.port}`]);
		for (const id of ids) await statsUntil(id, (s) => s.delivered === 1, 'delivered');
	});

	it('applies each filter end to end', async () => {
		const [all, mine, others, noGroups, chats, elsewhere] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => receiver()));
		const ids = {
			all: await subscribe(all.url),
			mine: await subscribe(mine.url, { filters: { fromMe: true } }),
			others: await subscribe(others.url, { filters: { fromMe: false } }),
			noGroups: await subscribe(noGroups.url, { filters: { groups: false } }),
			chats: await subscribe(chats.url, { filters: { chats: ['628222@c.us'] } }),
			elsewhere: await subscribe(elsewhere.url, { sessions: ['front'] }),
		};
		incoming('false_628111@c.us_F1', '628111@c.us', 'one');
		incoming('false_628222@c.us_F2', '628222@c.us', 'two');
		incoming('false_120363001@g.us_F3', '120363001@g.us', 'group', { sender: '628333@c.us', group: { id: '120363001@g.us' } });
		incoming('true_628111@c.us_F4', '628111@c.us', 'own', { fromMe: true }); // held 2 s before it is reported
		// Every event is on its way to every subscription once the unfiltered one has them all.
		await all.waitFor((r) => r.length >= 4, 'all four at the unfiltered subscription');
		for (const id of Object.values(ids)) await statsUntil(id, (s) => s.pending === 0, 'nothing pending');
		const texts = (r: typeof all) => r.received.map((x) => x.body.payload.text).sort();
		expect(texts(all)).toEqual(['group', 'one', 'own', 'two']);
		expect(texts(mine)).toEqual(['own']);
		expect(texts(others)).toEqual(['group', 'one', 'two']);
		expect(texts(noGroups)).toEqual(['one', 'own', 'two']);
		expect(texts(chats)).toEqual(['two']);
		expect(texts(elsewhere)).toEqual([]);
		expect((await stats(ids.others)).delivered).toBe(3);
	});

	it('makes a 4xx a dead letter at once and retries 5xx, with the stats to show it', async () => {
		const r = await receiver();
		r.respondWith((req) => {
			const { text } = req.body.payload;
			if (text === 'refused') return 422;
			if (text === 'flaky') return Number(req.headers['x-sidecar-attempt']) < 3 ? 500 : 200;
			return text === 'broken' ? 503 : 200;
		});
		const id = await subscribe(r.url);
		incoming('false_628401@c.us_R1', '628401@c.us', 'refused');
		incoming('false_628402@c.us_R2', '628402@c.us', 'flaky');
		incoming('false_628403@c.us_R3', '628403@c.us', 'broken');
		const final = await statsUntil(id, (s) => s.delivered === 1 && s.deadLetters === 2 && s.pending === 0, 'one delivered, two dead');
		expect(final).toMatchObject({ failedAttempts: 6, lastError: expect.stringMatching(/^HTTP (422|500|503)$/) });
		const answers = (text: string) => r.received.filter((x) => x.body.payload.text === text).map((x) => [x.headers['x-sidecar-attempt'], x.status]);
		expect(answers('refused')).toEqual([['1', 422]]);
		expect(answers('flaky')).toEqual([['1', 500], ['2', 500], ['3', 200]]);
		expect(answers('broken')).toEqual([['1', 503], ['2', 503], ['3', 503]]);
		expect(new Set(r.received.filter((x) => x.body.payload.text === 'flaky').map((x) => x.body.id)).size).toBe(1);
		const letters = (await t.api('GET', `/api/webhooks/${id}/dead-letters`)).body.deadLetters;
		expect(letters.map((l: Record<string, unknown>) => [l.type, l.attempts, l.lastStatus, l.lastError])).toEqual([
			['message', 1, 422, 'HTTP 422'],
			['message', 3, 503, 'HTTP 503'],
		]);
		expect(letters[0]).toMatchObject({ session: 'desk', deadAt: expect.any(String), event: { payload: { text: 'refused' } } });
	});

	it('removes the subscription on 410 Gone and delivers nothing more to it', async () => {
		const [gone, witness] = [await receiver(), await receiver()];
		gone.respondWith(() => 410);
		const id = await subscribe(gone.url);
		const witnessId = await subscribe(witness.url);
		incoming('false_628500@c.us_G1', '628500@c.us', 'first');
		await pollUntil(() => t.api('GET', `/api/webhooks/${id}`), (a) => a.status === 404, { what: 'the subscription removed', timeoutMs: 10_000 });
		expect((await t.api('GET', `/api/webhooks/${id}`)).body.error.code).toBe('WEBHOOK_NOT_FOUND');
		expect((await t.api('GET', '/api/webhooks')).body.webhooks.map((w: { id: string }) => w.id)).toEqual([witnessId]);
		incoming('false_628500@c.us_G2', '628500@c.us', 'second');
		await witness.waitFor((all) => all.length >= 2, 'both at the other subscription');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(gone.received.map((x) => [x.body.payload.text, x.status])).toEqual([['first', 410]]);
	});
});
