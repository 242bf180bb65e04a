/**
 * Part of `npm run bench`: the durable send queue, with the real library and
 * Chromium against the fake WhatsApp Web. Prints numbers, asserts nothing.
 *
 * - Enqueue: POST /api/sessions/:id/messages → 202 (the job is in SQLite), with the
 *   session's queue paused and the session not started, so nothing is sent meanwhile;
 *   also MessageService.accept in-process (no HTTP). BENCH_ENQUEUE jobs (default 2000)
 *   per concurrency level.
 * - Sending, SIDECAR_PACING=off: from just before the POST to the fake receiving the
 *   send (FakePhone `sent`), one message at a time, then a burst of BENCH_SENDS
 *   (default 300) posted at once.
 *
 * Standalone: ts-node --transpile-only -P test/tsconfig.json test/bench/sendingBench.ts
 */
import { FakeWhatsAppWeb, type OutboxEntry } from '../fake-whatsapp-web';
import { pollUntil } from '../support/poll';
import { scanSession, status, waitForSession } from '../support/sidecarHarness';
import { removeTestDataDirs, startTestSidecar, type TestSidecar } from '../support/testSidecar';

const ENQUEUE = Number(process.env.BENCH_ENQUEUE ?? 2_000);
const SENDS = Number(process.env.BENCH_SENDS ?? 300);
const WARMUP = 10;
const RECIPIENTS = ['6285000000001', '6285000000002', '6285000000003', '6285000000004', '6285000000005'];

function percentiles(values: number[]): string {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
	return `p50 ${fmt(at(0.5))} ms  p99 ${fmt(at(0.99))} ms  max ${fmt(sorted[sorted.length - 1])} ms`;
}

/** Runs `count` calls of `work` with at most `concurrency` under way; each call's latency (ms) and the wall time. */
async function load(count: number, concurrency: number, work: (i: number) => Promise<void>) {
	const latencies: number[] = [];
	let next = 0;
	const start = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++;
				const t0 = performance.now();
				await work(i);
				latencies.push(performance.now() - t0);
			}
		}),
	);
	return { latencies, wallMs: performance.now() - start };
}

async function post(t: TestSidecar, session: string, to: string, text: string): Promise<void> {
	const response = await t.api('POST', `/api/sessions/${session}/messages`, { to, text });
	if (response.status !== 202) throw new Error(`POST messages answered ${response.status}: ${JSON.stringify(response.body)}`);
}

async function benchEnqueue(t: TestSidecar, lines: string[]): Promise<void> {
	await t.api('POST', '/api/sessions', { id: 'enqueue', start: false });
	const paused = await t.api('POST', '/api/sessions/enqueue/queue/pause');
	if (paused.status !== 200) throw new Error(`pause answered ${paused.status}`);
	// Warm up the routes, the validator and the SQLite connection.
	for (let i = 0; i < 50; i++) await post(t, 'enqueue', RECIPIENTS[i % 5], `warm-up ${i}`);

	const rows: Array<[string, Awaited<ReturnType<typeof load>>]> = [];
	for (const concurrency of [1, 16]) {
		rows.push([
			`HTTP POST → 202, concurrency ${concurrency}`,
			await load(ENQUEUE, concurrency, (i) => post(t, 'enqueue', RECIPIENTS[i % 5], `enqueue c${concurrency} #${i}`)),
		]);
	}
	for (const concurrency of [1, 16]) {
		rows.push([
			`in-process accept(), concurrency ${concurrency}`,
			await load(ENQUEUE, concurrency, async (i) => {
				await t.sidecar.messages.accept('enqueue', { to: RECIPIENTS[i % 5], text: `accept c${concurrency} #${i}` });
			}),
		]);
	}
	const queue = (await t.api('GET', '/api/sessions/enqueue/queue')).body;
	for (const [name, { latencies, wallMs }] of rows) {
		lines.push(
			`  enqueue ${name.padEnd(34)} ${((latencies.length / wallMs) * 1000).toFixed(0).padStart(5)} jobs/s  ` +
				`latency ${percentiles(latencies)}  (n=${latencies.length})`,
		);
	}
	lines.push(`  (queue paused, session not started; depth afterwards ${queue.depth}, sending ${queue.sending})`);
	await t.api('DELETE', '/api/sessions/enqueue');
}

async function benchSend(t: TestSidecar, fake: FakeWhatsAppWeb, lines: string[]): Promise<void> {
	await t.api('POST', '/api/sessions', { id: 'send' });
	const phone = await scanSession(t, fake, 'send', '6281100000009');
	await waitForSession(t, 'send', status('READY'));
	await phone.waitUntilListening();

	// The moment (performance.now) each body reached the fake; `timestamp` is Date.now() of the same instant.
	const arrived = new Map<string, number>();
	const waiters = new Map<string, () => void>();
	phone.on('sent', (entry: OutboxEntry) => {
		arrived.set(entry.body!, performance.now());
		waiters.get(entry.body!)?.();
	});
	const arrival = (body: string, timeoutMs = 60_000) =>
		new Promise<number>((resolve, reject) => {
			if (arrived.has(body)) return resolve(arrived.get(body)!);
			const timer = setTimeout(() => reject(new Error(`"${body}" did not reach the fake within ${timeoutMs} ms`)), timeoutMs);
			waiters.set(body, () => {
				clearTimeout(timer);
				waiters.delete(body);
				resolve(arrived.get(body)!);
			});
		});

	for (let i = 0; i < WARMUP; i++) {
		const body = `warm-up ${i}`;
		await post(t, 'send', RECIPIENTS[i % 5], body);
		await arrival(body);
	}

	const serial: number[] = [];
	const accepted: number[] = [];
	for (let i = 0; i < SENDS; i++) {
		const body = `serial #${i}`;
		const t0 = performance.now();
		await post(t, 'send', RECIPIENTS[i % 5], body);
		accepted.push(performance.now() - t0);
		serial.push((await arrival(body)) - t0);
	}
	lines.push(`  one at a time: POST → 202                      ${percentiles(accepted)}  (n=${accepted.length})`);
	lines.push(`  one at a time: POST → send reaches the fake    ${percentiles(serial)}  (n=${serial.length})`);

	const bodies = Array.from({ length: SENDS }, (_, i) => `burst #${i}`);
	const waits = bodies.map((body) => arrival(body, 120_000));
	const t0 = performance.now();
	const posted = Promise.all(bodies.map((body, i) => post(t, 'send', RECIPIENTS[i % 5], body)));
	await posted;
	const allAccepted = performance.now() - t0;
	const times = await Promise.all(waits);
	const last = Math.max(...times) - t0;
	lines.push(
		`  burst of ${SENDS} POSTed at once: all 202 in ${allAccepted.toFixed(0)} ms; ` +
			`last send at the fake after ${last.toFixed(0)} ms → ${((SENDS / last) * 1000).toFixed(1)} sends/s end to end`,
	);
	lines.push(`  burst: t0 → each send reaches the fake          ${percentiles(times.map((x) => x - t0))}  (n=${SENDS})`);

	const queue = await pollUntil(
		() => t.api('GET', '/api/sessions/send/queue').then((r) => r.body),
		(q) => q.depth === 0 && q.sending === 0,
		{ what: 'the send queue drained' },
	);
	const totals = queue.totals as Record<string, number>;
	lines.push(
		`  (outbox ${phone.outbox().length} = ${WARMUP} warm-up + ${SENDS} + ${SENDS}; queue totals sent ${totals.sent}, ` +
			`failed ${totals.failed}, uncertain ${totals.uncertain})`,
	);
}

/** Runs both parts; returns the lines to print, a title first. */
export async function benchSending(): Promise<string[]> {
	const lines = [`sidecar durable send queue: ${ENQUEUE} jobs per enqueue row, ${SENDS} sends, SIDECAR_PACING=off, real whatsapp-web.js → fake`];
	const fake = await FakeWhatsAppWeb.start();
	let t: TestSidecar | undefined;
	try {
		t = await startTestSidecar({
			chromiumArgs: fake.chromiumArgs,
			env: { SIDECAR_LOG_LEVEL: 'warn', SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62' },
		});
		await benchEnqueue(t, lines);
		await benchSend(t, fake, lines);
	} finally {
		await t?.stop();
		await fake.close();
		removeTestDataDirs();
	}
	return lines;
}

if (require.main === module) {
	benchSending().then(
		(lines) => console.log(`\n${lines.join('\n')}`),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
