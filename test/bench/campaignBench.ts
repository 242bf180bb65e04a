/**
 * Part of `npm run bench`: how long the sidecar takes to ACCEPT a campaign of
 * BENCH_CAMPAIGN_SIZE (default 10,000) messages over two sessions: from the start of
 * POST /api/campaigns to its 202 (every message is a durable job by then), and how
 * much the process's memory grew. No browser: the two sessions run the scripted
 * engine, are READY and have their queues paused, so nothing is sent meanwhile and
 * the figure is the accept path alone (validation, sticky assignment, SQLite).
 * BENCH_CAMPAIGN_RUNS (default 3) campaigns, each to new contacts; each is cancelled
 * before the next (the cancel time is printed too).
 *
 * Standalone: ts-node --transpile-only -P test/tsconfig.json test/bench/campaignBench.ts
 */
import { scriptedEngines } from '../support/scriptedEngine';
import { removeTestDataDirs, startTestSidecar, type TestSidecar } from '../support/testSidecar';

const SIZE = Number(process.env.BENCH_CAMPAIGN_SIZE ?? 10_000);
const RUNS = Number(process.env.BENCH_CAMPAIGN_RUNS ?? 3);
const SESSIONS = ['bench-a', 'bench-b'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = () => (global as { gc?: () => void }).gc?.();

async function readySessions(t: TestSidecar, engines: ReturnType<typeof scriptedEngines>): Promise<void> {
	for (const [i, id] of SESSIONS.entries()) {
		const created = await t.api('POST', '/api/sessions', { id });
		if (created.status !== 201) throw new Error(`creating ${id}: ${created.status} ${JSON.stringify(created.body)}`);
		const deadline = Date.now() + 10_000;
		while (!engines.engines[i]?.listener) {
			if (Date.now() > deadline) throw new Error(`${id}: the scripted engine was not started`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		engines.engines[i].emit({ type: 'ready', account: { wid: `6281100009${String(i).padStart(3, '0')}@c.us` } });
		while ((await t.api('GET', `/api/sessions/${id}`)).body.status !== 'READY') {
			if (Date.now() > deadline) throw new Error(`${id}: not READY`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		const paused = await t.api('POST', `/api/sessions/${id}/queue/pause`);
		if (paused.status !== 200) throw new Error(`pausing ${id}: ${paused.status}`);
	}
}

function campaign(run: number, size: number) {
	return {
		name: `Bench campaign ${run}`,
		sessions: SESSIONS,
		template: 'Hello {{name}}, your code is {{code}}',
		messages: Array.from({ length: size }, (_, i) => ({
			to: `628${String(run + 1).padStart(2, '0')}${String(i).padStart(8, '0')}`,
			variables: { name: `Contact ${i}`, code: i },
			reference: { run, i },
		})),
	};
}

/** Runs the campaign accept benchmark; returns the lines to print, a title first. */
export async function benchCampaign(): Promise<string[]> {
	const lines = [`campaign accept: POST /api/campaigns with ${SIZE.toLocaleString('en-US')} messages over ${SESSIONS.length} READY sessions (scripted engine, queues paused)`];
	const engines = scriptedEngines();
	let t: TestSidecar | undefined;
	try {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_LOG_LEVEL: 'warn', SIDECAR_DEFAULT_COUNTRY_CODE: '62' } });
		await readySessions(t, engines);
		// Warm up the route, the validator and SQLite with a small campaign.
		const warm = await t.api('POST', '/api/campaigns', campaign(99, 50));
		if (warm.status !== 202) throw new Error(`warm-up campaign answered ${warm.status}: ${JSON.stringify(warm.body).slice(0, 500)}`);

		const accept: number[] = [];
		const cancel: number[] = [];
		const rss: number[] = [];
		const heap: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const body = JSON.stringify(campaign(run, SIZE));
			gc();
			const before = process.memoryUsage();
			const t0 = performance.now();
			const answer = await t.api('POST', '/api/campaigns', body);
			accept.push(performance.now() - t0);
			if (answer.status !== 202 || answer.body.total !== SIZE) throw new Error(`run ${run}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
			gc();
			const after = process.memoryUsage();
			rss.push(after.rss - before.rss);
			heap.push(after.heapUsed - before.heapUsed);
			const t1 = performance.now();
			const cancelled = await t.api('POST', `/api/campaigns/${answer.body.campaignId}/cancel`);
			cancel.push(performance.now() - t1);
			if (cancelled.status !== 200) throw new Error(`cancel answered ${cancelled.status}: ${JSON.stringify(cancelled.body).slice(0, 500)}`);
		}
		const all = accept.map((ms) => ms.toFixed(0)).join(', ');
		lines.push(`  accept ${SIZE.toLocaleString('en-US')}-message campaign: ${median(accept).toFixed(0)} ms (median of ${RUNS}; runs ${all} ms; ${((SIZE / median(accept)) * 1000).toFixed(0)} messages/s)`);
		lines.push(`  memory growth per accepted campaign: rss ${mib(median(rss))} MiB, heap ${mib(median(heap))} MiB (median; in-process sidecar${(global as { gc?: unknown }).gc ? ', after gc' : ', no --expose-gc'})`);
		lines.push(`  cancel it (${SIZE.toLocaleString('en-US')} waiting messages → cancelled): ${median(cancel).toFixed(0)} ms (median of ${RUNS})`);
	} finally {
		await t?.stop();
		removeTestDataDirs();
	}
	return lines;
}

if (require.main === module) {
	benchCampaign().then(
		(lines) => console.log(`\n${lines.join('\n')}`),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
