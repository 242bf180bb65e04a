/**
 * `npm run bench`: how long the fake WhatsApp Web harness takes, phase by phase,
 * with the real whatsapp-web.js and headless Chromium. Prints numbers; asserts
 * nothing (timings belong here, not in tests, on a shared machine).
 *
 * BENCH_RUNS (default 3) full scenarios; BENCH_MESSAGES (default 20) per direction.
 */
import type { Message } from 'whatsapp-web.js';
import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { createBareSession, makeDataPath, removeDataPaths } from '../harness/support/bareClient';
import { processTree, pssMiB } from './processTree';
import { benchCampaign } from './campaignBench';
import { benchDelivery } from './deliveryBench';
import { benchSending } from './sendingBench';
import { benchSessionRecovery } from './sessionRecovery';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20);

type Samples = Record<string, number[]>;

async function timed<T>(samples: Samples, name: string, work: () => Promise<T>): Promise<T> {
	const start = performance.now();
	const result = await work();
	(samples[name] ??= []).push(performance.now() - start);
	return result;
}

async function scenario(fake: FakeWhatsAppWeb, run: number, samples: Samples): Promise<void> {
	const dataPath = makeDataPath(`bench-${run}`);
	const session = createBareSession(fake, { clientId: `bench${run}`, dataPath });
	const scenarioStart = performance.now();

	const qr = await timed(samples, 'initialize → first qr', async () => {
		await session.initialize();
		return ((await session.log.next('qr')) as [string])[0];
	});
	const phone = await timed(samples, 'scan → ready', async () => {
		const p = await fake.scan(qr);
		await session.log.next('ready');
		return p;
	});

	for (let i = 0; i < MESSAGES; i++) {
		await timed(samples, 'receive → message event', async () => {
			const { id } = await phone.receive({ from: '628123456789', body: `incoming ${i}` });
			await session.log.next('message', (m: Message) => m.id._serialized === id);
		});
	}
	for (let i = 0; i < MESSAGES; i++) {
		const sent = await timed(samples, 'sendMessage() resolves', () =>
			session.client.sendMessage('628123456789@c.us', `outgoing ${i}`),
		);
		await timed(samples, 'ack(3) → message_ack', async () => {
			await phone.ack(sent.id._serialized, 3);
			await session.log.next('message_ack', (m: Message, ack: number) => m.id._serialized === sent.id._serialized && ack === 3);
		});
	}

	const pid = session.browserPid()!;
	const nodePss = pssMiB([process.pid]);
	const chromiumPss = pssMiB(processTree(pid));
	(samples['Chromium tree PSS (MiB)'] ??= []).push(chromiumPss);
	(samples['bench process PSS (MiB)'] ??= []).push(nodePss);

	await timed(samples, 'destroy()', () => session.client.destroy());
	const again = createBareSession(fake, { clientId: `bench${run}`, dataPath });
	await timed(samples, 'restore: initialize → ready (no QR)', async () => {
		await again.initialize();
		await again.log.next('ready');
	});
	if (again.log.all('qr').length) throw new Error('restore showed a QR');
	await again.dispose();
	(samples['full scenario'] ??= []).push(performance.now() - scenarioStart);
}

function summary(values: number[]): string {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
	return `p50 ${fmt(at(0.5))}  p95 ${fmt(at(0.95))}  p99 ${fmt(at(0.99))}  max ${fmt(sorted[sorted.length - 1])}  (n=${values.length})`;
}

async function main(): Promise<void> {
	const fake = await FakeWhatsAppWeb.start();
	const samples: Samples = {};
	try {
		for (let run = 0; run < RUNS; run++) await scenario(fake, run, samples);
	} finally {
		await fake.close();
		removeDataPaths();
	}
	print(`fake WhatsApp Web harness: ${RUNS} runs, ${MESSAGES} messages each way per run (ms unless noted)`, samples);
	print('sidecar session supervisor', await benchSessionRecovery());
	console.log(`\n${(await benchSending()).join('\n')}`);
	console.log(`\n${(await benchCampaign()).join('\n')}`);
	print('webhook delivery latency (ms): a contact\'s message → the receiver', await benchDelivery());
}

function print(title: string, samples: Samples): void {
	console.log(`\n${title}`);
	const width = Math.max(...Object.keys(samples).map((k) => k.length));
	for (const [name, values] of Object.entries(samples)) console.log(`  ${name.padEnd(width)}  ${summary(values)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
