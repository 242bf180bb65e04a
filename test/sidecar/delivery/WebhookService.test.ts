import fs from 'fs';
import os from 'os';
import path from 'path';
import type { PostResult } from '../../../sidecar/src/delivery/Dispatcher';
import { WebhookService } from '../../../sidecar/src/delivery/WebhookService';
import { EventBus } from '../../../sidecar/src/events/EventBus';
import { createLogger } from '../../../sidecar/src/logger';
import { openDatabase, type Database } from '../../../sidecar/src/storage/database';
import { DeliveryStore } from '../../../sidecar/src/storage/DeliveryStore';
import { messagePayload, testEvent } from '../../support/events';
import { pollUntil } from '../../support/poll';

const SECRET = 'service-secret-0123456';

interface Call {
	eventId: string;
	chat: string;
	attempt: number;
	answer(result: PostResult): void;
}

/** A WebhookService on a real SQLite file, with a fake HTTP client the test answers (or `answer` does). */
async function startService(dir: string, answer: (call: Call) => PostResult | 'wait', attempts = 5) {
	const database = await openDatabase(dir, { logger: createLogger('silent') });
	const store = new DeliveryStore(database);
	const bus = new EventBus();
	const calls: Call[] = [];
	const outcomes: string[] = [];
	const service = new WebhookService({
		store,
		bus,
		logger: createLogger('silent'),
		options: {
			webhook: { attempts, backoffBaseMs: 20, backoffCapMs: 40, timeoutMs: 1000, concurrency: 4 },
			mediaInlineBytes: 0,
			mediaRetentionMs: 60_000,
			deadLetterRetentionMs: 60_000,
		},
		metrics: { attempt: (outcome) => outcomes.push(outcome), delivered: () => undefined },
		post: (_url, body, headers) =>
			new Promise((resolve) => {
				const call = { eventId: headers['x-sidecar-event-id'], chat: JSON.parse(body).payload.chatId, attempt: Number(headers['x-sidecar-attempt']), answer: resolve };
				calls.push(call);
				const result = answer(call);
				if (result !== 'wait') resolve(result);
			}),
	});
	await service.boot();
	const publish = (chat: string, text: string) => bus.publish({ type: 'message', session: 'desk', payload: messagePayload({ chatId: chat, text }) }).id;
	const waitCalls = (n: number, what: string) => pollUntil(() => calls, (c) => c.length >= n, { what, timeoutMs: 10_000, everyMs: 10 });
	const close = async () => {
		await service.close();
		await database.close();
	};
	return { service, store, calls, outcomes, publish, waitCalls, close };
}

/** What is left on disk once the service and its database are closed. */
async function onDisk(database: Database) {
	const loaded = await new DeliveryStore(database).load();
	await database.close();
	return { subscriptions: loaded.subscriptions.length, pending: loaded.pending.map((d) => d.event.id), dead: loaded.dead.map((d) => d.event.id) };
}

describe('WebhookService (SQLite, fake HTTP)', () => {
	let dir: string;
	beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-service-'))));
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('writes a delivery to SQLite before its first attempt, keeps its retries there, and removes it once delivered', async () => {
		const s = await startService(dir, () => 'wait');
		await s.service.create({ url: 'http://127.0.0.1:9/hook', events: ['message'], secret: SECRET });
		const id = s.publish('1@c.us', 'first');
		await s.waitCalls(1, 'the first attempt');
		expect((await s.store.load()).pending.map((d) => [d.event.id, d.attempts])).toEqual([[id, 0]]);
		s.calls[0].answer({ status: 503 });
		await s.waitCalls(2, 'the retry');
		expect((await s.store.load()).pending.map((d) => [d.event.id, d.attempts, d.lastStatus])).toEqual([[id, 1, 503]]);
		s.calls[1].answer({ status: 200 });
		await pollUntil(() => s.store.load(), (l) => l.pending.length === 0, { what: 'the delivery removed' });
		expect(s.outcomes).toEqual(['retry', 'delivered']);
		await s.close();
	});

	it('resumes after a restart in the same order, with later events behind the resumed ones', async () => {
		const first = await startService(dir, () => ({ status: 503 }), 50);
		await first.service.create({ url: 'http://127.0.0.1:9/hook', events: ['message'], secret: SECRET });
		const ids = [first.publish('1@c.us', 'a'), first.publish('1@c.us', 'b')];
		await first.waitCalls(2, 'two failed attempts');
		await first.close();
		const second = await startService(dir, () => ({ status: 200 }));
		ids.push(second.publish('1@c.us', 'c'));
		await second.waitCalls(3, 'three deliveries');
		expect(second.calls.map((c) => c.eventId)).toEqual(ids);
		expect(second.calls[0].attempt).toBeGreaterThan(1);
		await second.close();
		expect(await onDisk(await openDatabase(dir, { logger: createLogger('silent') }))).toEqual({ subscriptions: 1, pending: [], dead: [] });
	});

	it('keeps nothing of a subscription deleted while an attempt was under way', async () => {
		const s = await startService(dir, () => 'wait', 1);
		const { id } = await s.service.create({ url: 'http://127.0.0.1:9/hook', events: ['message'], secret: SECRET });
		s.publish('1@c.us', 'a');
		s.publish('2@c.us', 'b');
		await s.waitCalls(2, 'both attempts under way');
		await s.service.delete(id);
		s.calls[0].answer({ status: 503 }); // would be retried, or (last attempt) a dead letter
		s.calls[1].answer({ error: 'ECONNRESET' });
		await pollUntil(() => s.outcomes, (o) => o.length === 2, { what: 'both attempts settled' });
		expect(() => s.service.get(id)).toThrow(expect.objectContaining({ code: 'WEBHOOK_NOT_FOUND' }));
		await s.close();
		expect(await onDisk(await openDatabase(dir, { logger: createLogger('silent') }))).toEqual({ subscriptions: 0, pending: [], dead: [] });
	});

	it('410 on one chat removes the subscription, and an attempt under way in another chat leaves nothing behind', async () => {
		const s = await startService(dir, (c) => (c.chat === '1@c.us' ? { status: 410 } : 'wait'));
		const { id } = await s.service.create({ url: 'http://127.0.0.1:9/hook', events: ['message'], secret: SECRET });
		s.publish('2@c.us', 'slow');
		s.publish('1@c.us', 'gone');
		s.publish('1@c.us', 'never');
		await pollUntil(() => s.service.list(), (l) => l.length === 0, { what: 'the subscription removed' });
		s.calls.find((c) => c.chat === '2@c.us')!.answer({ status: 500 });
		await pollUntil(() => s.outcomes, (o) => o.length === 2, { what: 'both attempts settled' });
		expect(s.calls.map((c) => c.chat)).toEqual(['2@c.us', '1@c.us']);
		expect(() => s.service.deadLetters(id)).toThrow(expect.objectContaining({ code: 'WEBHOOK_NOT_FOUND' }));
		await s.close();
		expect(await onDisk(await openDatabase(dir, { logger: createLogger('silent') }))).toEqual({ subscriptions: 0, pending: [], dead: [] });
	});

	it('drops deliveries and dead letters of unknown subscriptions at boot, without posting them', async () => {
		const database = await openDatabase(dir, { logger: createLogger('silent') });
		const store = new DeliveryStore(database);
		const event = testEvent('message', { chatId: '1@c.us' }, 'desk', 'evt_orphan');
		const orphan = { id: 'evt_orphan~wh_gone', subscriptionId: 'wh_gone', lane: 'desk|1@c.us', seq: 1, event, attempts: 1, nextAttemptAt: 0, createdAt: 0 };
		await store.savePending(orphan);
		await store.bury({ ...orphan, id: 'evt_dead~wh_gone', event: { ...event, id: 'evt_dead' }, deadAt: Date.now() });
		await store.flush();
		await database.close();
		const s = await startService(dir, () => ({ status: 200 }));
		await s.close();
		expect(s.calls).toEqual([]);
		expect(await onDisk(await openDatabase(dir, { logger: createLogger('silent') }))).toEqual({ subscriptions: 0, pending: [], dead: [] });
	});

	it('boots on a backlog of 200,000 deliveries and numbers new events after them', async () => {
		const event = (i: number) => testEvent('message', { chatId: '1@c.us' }, 'desk', `evt_${i}`);
		const pending = Array.from({ length: 200_000 }, (_, i) => ({ id: `evt_${i}~wh_1`, subscriptionId: 'wh_1', lane: 'desk|1@c.us', seq: i + 1, event: event(i), attempts: 1, nextAttemptAt: Date.now() + 60_000, createdAt: 0 }));
		const saved: number[] = [];
		const store = {
			load: async () => ({ subscriptions: [{ id: 'wh_1', url: 'http://127.0.0.1:9/hook', events: ['*'], sessions: null, filters: {}, secret: SECRET, createdAt: '' }], pending, dead: [] }),
			savePending: async (d: { seq: number }) => void saved.push(d.seq),
			flush: async () => undefined,
		} as unknown as DeliveryStore;
		const bus = new EventBus();
		const options = { webhook: { attempts: 3, backoffBaseMs: 20, backoffCapMs: 40, timeoutMs: 1000, concurrency: 4 }, mediaInlineBytes: 0, mediaRetentionMs: 1, deadLetterRetentionMs: 1 };
		const service = new WebhookService({ store, bus, options, logger: createLogger('silent'), post: async () => ({ status: 200 }) });
		await service.boot();
		expect(service.get('wh_1').stats.pending).toBe(200_000);
		bus.publish({ type: 'message', session: 'desk', payload: messagePayload({ chatId: '1@c.us' }) });
		await pollUntil(() => saved, (s) => s.length === 1, { what: 'the new event stored' });
		expect(saved).toEqual([200_001]);
		await service.close();
	});

	it('lists dead letters in order and replays the chosen ones, then the rest, each with fresh attempts', async () => {
		let up = false;
		const s = await startService(dir, (c) => (up ? { status: 200 } : c.chat === '1@c.us' ? { status: 422 } : { status: 503 }), 2);
		const { id } = await s.service.create({ url: 'http://127.0.0.1:9/hook', events: ['message'], secret: SECRET });
		const ids = [s.publish('1@c.us', 'a'), s.publish('2@c.us', 'b'), s.publish('1@c.us', 'c')];
		await pollUntil(() => s.service.get(id).stats, (st) => st.deadLetters === 3 && st.pending === 0, { what: 'three dead letters' });
		const letters = s.service.deadLetters(id);
		expect(letters.map((l) => [l.eventId, l.attempts, l.lastStatus])).toEqual([[ids[0], 1, 422], [ids[1], 2, 503], [ids[2], 1, 422]]);
		expect(s.service.get(id).stats).toMatchObject({ delivered: 0, failedAttempts: 4, lastError: expect.stringMatching(/^HTTP (422|503)$/) });
		up = true;
		const before = s.calls.length;
		expect(await s.service.replay(id, [letters[2].id])).toBe(1);
		await s.waitCalls(before + 1, 'the chosen replay');
		expect(await s.service.replay(id)).toBe(2);
		await pollUntil(() => s.service.get(id).stats, (st) => st.delivered === 3 && st.pending === 0, { what: 'all delivered' });
		expect(s.calls.slice(before).map((c) => [c.eventId, c.attempt])).toEqual([[ids[2], 1], [ids[0], 1], [ids[1], 1]]);
		expect(await s.service.replay(id)).toBe(0);
		await expect(s.service.replay('wh_nope')).rejects.toMatchObject({ code: 'WEBHOOK_NOT_FOUND' });
		await s.close();
		expect(await onDisk(await openDatabase(dir, { logger: createLogger('silent') }))).toEqual({ subscriptions: 1, pending: [], dead: [] });
	});
});
