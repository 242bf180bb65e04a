import type { Delivery } from '../../../sidecar/src/delivery/Delivery';
import { Dispatcher, type PostResult } from '../../../sidecar/src/delivery/Dispatcher';
import type { AttemptOutcome } from '../../../sidecar/src/delivery/retryPolicy';
import { verify } from '../../../sidecar/src/contract';
import { testEvent } from '../../support/events';
import { chatOf, type Subscription } from '../../../sidecar/src/delivery/Subscription';

const SECRET = 'dispatcher-secret-0123';
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

interface Call {
	eventId: string;
	subscriptionId: string;
	attempt: number;
	at: number;
	body: string;
	headers: Record<string, string>;
	answer(result: PostResult): void;
}

type Answer = (call: Call) => PostResult | 'wait';

/** A Dispatcher over a fake `post` (answered by `answer`, or later by the test) and fake timers; times are ms from T0. */
function setup(options: { attempts?: number; baseMs?: number; capMs?: number; concurrency?: number; random?: () => number; answer?: Answer } = {}) {
	const subscriptions = new Map<string, Subscription>();
	const subscribe = (id: string) =>
		subscriptions.set(id, { id, url: `http://receiver.test/${id}`, events: ['*'], sessions: null, filters: {}, secret: SECRET, createdAt: '' });
	subscribe('s1');
	const calls: Call[] = [];
	const settled: Array<{ eventId: string; outcome: AttemptOutcome; attempts: number; at: number; delivery: Delivery }> = [];
	const answer = options.answer ?? (() => ({ status: 200 }));
	const dispatcher = new Dispatcher({
		retry: { attempts: options.attempts ?? 5, backoffBaseMs: options.baseMs ?? 1000, backoffCapMs: options.capMs ?? 6000 },
		timeoutMs: 1000,
		concurrency: options.concurrency ?? 4,
		random: options.random ?? (() => 0),
		subscription: (id) => subscriptions.get(id),
		post: (url, body, headers) =>
			new Promise<PostResult>((resolve) => {
				const call: Call = {
					eventId: headers['x-sidecar-event-id'],
					subscriptionId: url.split('/').pop()!,
					attempt: Number(headers['x-sidecar-attempt']),
					at: Date.now() - T0,
					body,
					headers,
					answer: resolve,
				};
				calls.push(call);
				const result = answer(call);
				if (result !== 'wait') resolve(result);
			}),
		settled: async (delivery, outcome) => {
			settled.push({ eventId: delivery.event.id, outcome, attempts: delivery.attempts, at: Date.now() - T0, delivery });
		},
	});
	let seq = 0;
	const add = (eventId: string, chat = 'c1', subscriptionId = 's1', at = ++seq) => {
		const event = testEvent('message', { chatId: `${chat}@c.us` }, 'desk', eventId);
		const delivery: Delivery = { id: `${eventId}~${subscriptionId}`, subscriptionId, lane: chatOf(event), seq: at, event, attempts: 0, nextAttemptAt: Date.now(), createdAt: Date.now() };
		dispatcher.add(delivery);
		return delivery;
	};
	const of = (eventId: string) => calls.filter((c) => c.eventId === eventId);
	return { dispatcher, calls, settled, add, of, subscribe, subscriptions };
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

describe('Dispatcher', () => {
	beforeEach(() => jest.useFakeTimers({ now: T0 }));
	afterEach(() => jest.useRealTimers());

	it.each([
		['the low end of the jitter (random 0)', () => 0, [0, 250, 750, 1750, 3250, 4750]],
		['the high end of the jitter (random 0.999)', () => 0.999, [0, 999, 2998, 6995, 12991, 18987]],
	])('retries on the backoff schedule at %s, base 1000 and cap 6000, then gives up', async (_name, random, times) => {
		const d = setup({ attempts: 6, random, answer: () => ({ status: 503 }) });
		d.add('e1');
		await advance(60_000);
		expect(d.calls.map((c) => c.at)).toEqual(times);
		expect(d.calls.map((c) => c.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(d.settled.map((s) => s.outcome)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'dead']);
		const last = d.settled.at(-1)!.delivery;
		expect(last).toMatchObject({ attempts: 6, lastStatus: 503, lastError: 'HTTP 503', deadAt: T0 + times[5] });
		expect(d.dispatcher.pendingCount('s1')).toBe(0);
	});

	it('signs each attempt over the timestamp and the raw body, with the event id, type and attempt number', async () => {
		const d = setup({ answer: (c) => (c.attempt === 1 ? { error: 'ECONNRESET' } : { status: 204 }) });
		d.add('e1');
		await advance(10_000);
		expect(d.calls).toHaveLength(2);
		for (const call of d.calls) {
			expect(JSON.parse(call.body)).toMatchObject({ id: 'e1', type: 'message', session: 'desk', payload: { chatId: 'c1@c.us' } });
			expect(call.headers).toMatchObject({ 'content-type': 'application/json', 'x-sidecar-event-id': 'e1', 'x-sidecar-event-type': 'message' });
			expect(call.headers['x-sidecar-timestamp']).toBe(String(Math.floor((T0 + call.at) / 1000)));
			expect(verify({ secret: SECRET, body: call.body, timestamp: call.headers['x-sidecar-timestamp'], signature: call.headers['x-sidecar-signature'] }).valid).toBe(true);
		}
		expect(d.settled.map((s) => s.outcome)).toEqual(['retry', 'delivered']);
		expect(d.settled[1].delivery.lastError).toBeUndefined(); // the network error is cleared once delivered
	});

	it.each([200, 201, 202, 204])('counts %i as delivered after one attempt', async (status) => {
		const d = setup({ answer: () => ({ status }) });
		d.add('e1');
		await advance(30_000);
		expect([d.calls.length, d.settled.map((s) => s.outcome)]).toEqual([1, ['delivered']]);
	});

	it('retries a 404 (a starting n8n has no routes yet) and gives up on the third', async () => {
		const d = setup({ answer: () => ({ status: 404 }) });
		d.add('e1');
		await advance(60_000);
		expect(d.calls).toHaveLength(3);
		expect(d.settled.map((s) => s.outcome)).toEqual(['retry', 'retry', 'dead']);
	});

	it.each([301, 400, 401, 403, 409, 413, 422])('makes %i a dead letter at once, without a retry', async (status) => {
		const d = setup({ answer: () => ({ status }) });
		d.add('e1');
		await advance(60_000);
		expect(d.calls).toHaveLength(1);
		expect(d.settled.map((s) => s.outcome)).toEqual(['dead']);
		expect(d.settled[0].delivery).toMatchObject({ attempts: 1, lastStatus: status, lastError: `HTTP ${status}` });
	});

	it('reports 410 as gone after one attempt', async () => {
		const d = setup({ answer: () => ({ status: 410 }) });
		d.add('e1');
		await advance(60_000);
		expect([d.calls.length, d.settled.map((s) => s.outcome)]).toEqual([1, ['gone']]);
	});

	it.each<[string, PostResult]>([
		['408', { status: 408 }],
		['429', { status: 429 }],
		['500', { status: 500 }],
		['502', { status: 502 }],
		['503', { status: 503 }],
		['504', { status: 504 }],
		['a network error', { error: 'ECONNREFUSED' }],
		['a timeout', { error: 'no answer within 1000 ms' }],
	])('retries %s until the last attempt, then makes it a dead letter', async (_name, result) => {
		const d = setup({ attempts: 3, answer: () => result });
		d.add('e1');
		await advance(60_000);
		expect(d.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
		expect(d.settled.map((s) => s.outcome)).toEqual(['retry', 'retry', 'dead']);
		expect(d.settled[2].delivery.lastError).toBe(result.error ?? `HTTP ${result.status}`);
	});

	it.each([
		['waits as long as a 429 Retry-After asks', 3_000, 3_000],
		['keeps the backoff when Retry-After asks for less', 10, 250],
		['bounds Retry-After by the cap', 60_000, 6_000],
	])('%s', async (_name, retryAfterMs, expectedAt) => {
		const d = setup({ answer: (c) => (c.attempt === 1 ? { status: 429, retryAfterMs } : { status: 200 }) });
		d.add('e1');
		await advance(expectedAt - 1);
		expect(d.calls).toHaveLength(1);
		await advance(1);
		expect(d.calls.map((c) => c.at)).toEqual([0, expectedAt]);
		expect(d.settled.map((s) => s.outcome)).toEqual(['retry', 'delivered']);
	});

	it("keeps a lane in order across retries while another chat's lane goes on", async () => {
		const d = setup({ answer: (c) => (c.eventId === 'a1' && c.attempt < 3 ? { status: 503 } : { status: 200 }) });
		d.add('a1', 'A');
		d.add('a2', 'A');
		d.add('b1', 'B');
		d.add('b2', 'B');
		await advance(30_000);
		expect(d.of('a1').map((c) => c.at)).toEqual([0, 250, 750]);
		// a2 goes right after a1 is delivered (a timer set inside a timer fires 1 ms later), b1 and b2 at once.
		expect(d.of('a2')).toHaveLength(1);
		expect(d.of('a2')[0].at).toBeGreaterThanOrEqual(750);
		expect(d.of('a2')[0].at).toBeLessThanOrEqual(752);
		expect(d.calls.indexOf(d.of('a2')[0])).toBeGreaterThan(d.calls.indexOf(d.of('a1')[2]));
		expect(Math.max(...[...d.of('b1'), ...d.of('b2')].map((c) => c.at))).toBeLessThanOrEqual(2);
		expect(d.settled.filter((s) => s.outcome === 'delivered').map((s) => s.eventId)).toEqual(['b1', 'b2', 'a1', 'a2']);
	});

	it('holds the next of a lane while its head is still under way, and lets it go once the head is dead', async () => {
		const d = setup({ answer: () => 'wait' });
		d.add('a1', 'A');
		d.add('a2', 'A');
		d.add('b1', 'B');
		await advance(5_000);
		expect(d.calls.map((c) => c.eventId)).toEqual(['a1', 'b1']);
		d.of('a1')[0].answer({ status: 422 });
		await advance(0);
		expect(d.calls.map((c) => c.eventId)).toEqual(['a1', 'b1', 'a2']);
		expect(d.settled.map((s) => [s.eventId, s.outcome])).toEqual([['a1', 'dead']]);
	});

	it('makes at most `concurrency` attempts at once per subscription, each for another lane', async () => {
		const d = setup({ concurrency: 2, answer: () => 'wait' });
		d.subscribe('s2');
		for (const chat of ['A', 'B', 'C', 'D']) {
			d.add(`${chat}1`, chat);
			d.add(`${chat}2`, chat);
			d.add(`x${chat}`, chat, 's2');
		}
		await advance(5_000);
		expect(d.calls.filter((c) => c.subscriptionId === 's1').map((c) => c.eventId)).toEqual(['A1', 'B1']);
		expect(d.calls.filter((c) => c.subscriptionId === 's2')).toHaveLength(2);
		d.of('A1')[0].answer({ status: 200 });
		await advance(0);
		expect(d.calls.filter((c) => c.subscriptionId === 's1').map((c) => c.eventId)).toEqual(['A1', 'B1', 'A2']);
		d.of('B1')[0].answer({ status: 500 }); // retrying: its lane waits for the backoff without holding a slot
		await advance(0);
		expect(d.calls.filter((c) => c.subscriptionId === 's1').map((c) => c.eventId)).toEqual(['A1', 'B1', 'A2', 'C1']);
		expect(d.dispatcher.pendingCount('s1')).toBe(7);
	});

	it('puts a delivery with an earlier seq (a replayed dead letter) back ahead of its lane', async () => {
		const d = setup();
		d.add('late', 'A', 's1', 5);
		d.add('early', 'A', 's1', 2);
		d.add('middle', 'A', 's1', 3);
		await advance(1_000);
		expect(d.calls.map((c) => c.eventId)).toEqual(['early', 'middle', 'late']);
	});

	it('drops deliveries of an unknown subscription without posting, and forgets a subscription on request', async () => {
		const d = setup({ answer: () => ({ status: 503 }) });
		d.add('orphan', 'A', 'nobody');
		await advance(1_000);
		expect([d.calls.length, d.dispatcher.pendingCount('nobody')]).toEqual([0, 0]);
		d.add('e1', 'A');
		d.add('e2', 'B');
		await advance(100);
		expect(d.dispatcher.forget('s1').map((x) => x.event.id).sort()).toEqual(['e1', 'e2']);
		await advance(60_000);
		expect([d.calls.length, d.dispatcher.pendingCount('s1')]).toEqual([2, 0]);
	});

	it('stops: waits for the attempt under way and makes no further ones', async () => {
		const d = setup({ answer: (c) => (c.eventId === 'slow' ? 'wait' : { status: 503 }) });
		d.add('slow', 'A');
		d.add('retrying', 'B');
		await advance(10);
		let stopped = false;
		const stopping = d.dispatcher.stop().then(() => (stopped = true));
		await advance(0);
		expect(stopped).toBe(false);
		d.of('slow')[0].answer({ status: 200 });
		await stopping;
		d.add('after', 'C');
		await advance(60_000);
		expect(d.calls.map((c) => c.eventId)).toEqual(['slow', 'retrying']);
	});
});
