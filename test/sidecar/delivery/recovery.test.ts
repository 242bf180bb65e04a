import { pollUntil } from '../../support/poll';
import { startReceiver, type Received } from '../../support/receiver';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar } from '../../support/testSidecar';

const SECRET = 'a-secret-of-at-least-16';
const env = (attempts: string) => ({
	SIDECAR_PACING: 'off',
	SIDECAR_WEBHOOK_BACKOFF_BASE_MS: '100',
	SIDECAR_WEBHOOK_BACKOFF_CAP_MS: '400',
	SIDECAR_WEBHOOK_ATTEMPTS: attempts,
	SIDECAR_WEBHOOK_TIMEOUT_MS: '500',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ok = (all: Received[]) => all.filter((r) => r.status >= 200 && r.status < 300);
const textsOf = (all: Received[], chat: string) => all.filter((r) => r.body.payload.chatId === chat).map((r) => r.body.payload.text);

/** A sidecar with one READY session `desk` on the scripted engine; `incoming` plays a contact's message. */
async function deskSidecar(attempts: string, dataDir?: string) {
	const engines = scriptedEngines();
	const t = await startTestSidecar({ engineFactory: engines.factory, env: env(attempts), dataDir });
	if (!dataDir) await t.api('POST', '/api/sessions', { id: 'desk' });
	const engine = await pollUntil(() => engines.engines.at(-1), (e) => e?.listener !== undefined, { what: 'the engine started' });
	engine!.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
	const incoming = (chatId: string, text: string) =>
		engine!.emit({ type: 'message', message: { id: `false_${chatId}_${text}`, chatId, sender: chatId, fromMe: false, type: 'chat', text, timestamp: 1, isGroup: false } });
	const stats = (id: string, done: (s: Record<string, number>) => boolean, what: string) =>
		pollUntil(() => t.api('GET', `/api/webhooks/${id}`).then((a) => a.body.stats), done, { what, timeoutMs: 20_000, context: () => t.logs.slice(-10).join('\n') });
	const subscribe = async (url: string) => (await t.api('POST', '/api/webhooks', { url, events: ['message'], secret: SECRET })).body.id as string;
	return { t, incoming, stats, subscribe };
}

/** Every event delivered (2xx) exactly once, and per chat in the order it happened. */
function expectExactlyOnceInOrder(all: Received[], sent: Record<string, string[]>) {
	const delivered = ok(all);
	expect(delivered).toHaveLength(Object.values(sent).flat().length);
	expect(new Set(delivered.map((r) => r.body.id)).size).toBe(delivered.length);
	for (const [chat, texts] of Object.entries(sent)) expect([chat, textsOf(delivered, chat)]).toEqual([chat, texts]);
}

describe('dead letters and replay (3 attempts)', () => {
	let s: Awaited<ReturnType<typeof deskSidecar>>;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeAll(async () => {
		receiver = await startReceiver();
		s = await deskSidecar('3');
	});
	afterAll(async () => {
		await s.t.stop();
		await receiver.close();
	});

	it('lists the events that ran out of attempts, then replays them in their original order once the receiver is back', async () => {
		receiver.respondWith(() => 500);
		const id = await s.subscribe(receiver.url);
		const order: Array<[string, string]> = [['628701@c.us', 'm1'], ['628702@c.us', 'n1'], ['628701@c.us', 'm2'], ['628701@c.us', 'm3']];
		for (const [chat, text] of order) s.incoming(chat, text);
		await s.stats(id, (st) => st.deadLetters === 4 && st.pending === 0, 'four dead letters');
		const letters = (await s.t.api('GET', `/api/webhooks/${id}/dead-letters`)).body.deadLetters;
		expect(letters.map((l: { event: { payload: { text: string } } }) => l.event.payload.text)).toEqual(['m1', 'n1', 'm2', 'm3']);
		expect(letters.every((l: Record<string, unknown>) => l.attempts === 3 && l.lastStatus === 500 && l.lastError === 'HTTP 500')).toBe(true);
		expect(receiver.received).toHaveLength(12);

		receiver.respondWith(() => 200);
		const replay = await s.t.api('POST', `/api/webhooks/${id}/dead-letters/replay`);
		expect([replay.status, replay.body]).toEqual([200, { replayed: 4 }]);
		await receiver.waitFor((all) => ok(all).length >= 4, 'the replayed events', 15_000);
		const after = await s.stats(id, (st) => st.pending === 0, 'nothing pending');
		expect(after).toMatchObject({ delivered: 4, deadLetters: 0 });
		expectExactlyOnceInOrder(receiver.received, { '628701@c.us': ['m1', 'm2', 'm3'], '628702@c.us': ['n1'] });
		expect(ok(receiver.received).map((r) => r.headers['x-sidecar-attempt'])).toEqual(['1', '1', '1', '1']);
		// The same event ids as the failed attempts: a receiver can drop repeats.
		expect(new Set(ok(receiver.received).map((r) => r.body.id))).toEqual(new Set(letters.map((l: { eventId: string }) => l.eventId)));
		expect((await s.t.api('GET', `/api/webhooks/${id}/dead-letters`)).body.deadLetters).toEqual([]);
		expect((await s.t.api('POST', `/api/webhooks/${id}/dead-letters/replay`)).body).toEqual({ replayed: 0 });
	});
});

describe('a receiver that is down for a while (30 attempts)', () => {
	let s: Awaited<ReturnType<typeof deskSidecar>>;
	beforeAll(async () => (s = await deskSidecar('30')));
	afterAll(() => s.t.stop());

	it.each(['answering 503', 'hanging'])('gets everything once it is up again (%s): each event once, per chat in order', async (mode) => {
		const receiver = await startReceiver();
		let attempts = 0;
		receiver.respondWith(() => {
			attempts += 1;
			return mode === 'hanging' ? 'hang' : 503;
		});
		const id = await s.subscribe(receiver.url);
		const sent: Record<string, string[]> = {};
		for (let i = 0; i < 4; i++) {
			for (const chat of ['628801@c.us', '628802@c.us', '628803@c.us']) {
				s.incoming(chat, `${mode[0]}${i}`);
				(sent[chat] ??= []).push(`${mode[0]}${i}`);
			}
		}
		await pollUntil(() => attempts, (n) => n >= 6, { what: 'failed attempts', timeoutMs: 10_000 });
		await sleep(1_000);
		expect(ok(receiver.received)).toEqual([]);
		receiver.respondWith(() => 200);
		await receiver.waitFor((all) => ok(all).length >= 12, 'twelve deliveries', 20_000);
		const final = await s.stats(id, (st) => st.pending === 0, 'nothing pending');
		expect(final).toMatchObject({ delivered: 12, deadLetters: 0 });
		expect(final.failedAttempts).toBeGreaterThanOrEqual(6);
		expectExactlyOnceInOrder(receiver.received, sent);
		await s.t.api('DELETE', `/api/webhooks/${id}`);
		await receiver.close();
	});
});

describe('a sidecar restarted while deliveries are retrying', () => {
	it('delivers them after the restart, on the same data folder, each once and in order', async () => {
		const receiver = await startReceiver();
		receiver.respondWith(() => 503);
		const first = await deskSidecar('30');
		const id = await first.subscribe(receiver.url);
		for (const text of ['r1', 'r2', 'r3']) first.incoming('628901@c.us', text);
		first.incoming('628902@c.us', 'q1');
		await receiver.waitFor((all) => all.length >= 4, 'some failed attempts', 10_000);
		expect((await first.t.api('GET', `/api/webhooks/${id}`)).body.stats.pending).toBe(4);
		await first.t.stop();
		const failed = receiver.received.length;
		receiver.respondWith(() => 200);

		const second = await deskSidecar('30', first.t.dataDir);
		try {
			await receiver.waitFor((all) => ok(all).length >= 4, 'the resumed deliveries', 15_000);
			const final = await second.stats(id, (st) => st.pending === 0, 'nothing pending');
			expect(final).toMatchObject({ delivered: 4, deadLetters: 0 });
			expectExactlyOnceInOrder(receiver.received, { '628901@c.us': ['r1', 'r2', 'r3'], '628902@c.us': ['q1'] });
			const before = new Set(receiver.received.slice(0, failed).map((r) => r.body.id));
			expect(ok(receiver.received).filter((r) => before.has(r.body.id)).every((r) => Number(r.headers['x-sidecar-attempt']) > 1)).toBe(true);
			expect(second.t.logs.some((line) => line.includes('resuming webhook deliveries'))).toBe(true);
		} finally {
			await second.t.stop();
			await receiver.close();
		}
	});
});
