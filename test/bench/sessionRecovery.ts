/**
 * Part of `npm run bench`: the sidecar's session supervisor against the fake WhatsApp
 * Web, with the real library and Chromium. Prints numbers, asserts nothing.
 *
 * - Chromium SIGKILL → READY again (BENCH_KILLS, default 5, backoff base 1 s as shipped).
 * - Memory of one idle READY session: the sidecar process and its Chromium tree.
 */
import fs from 'fs';
import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { scanSession, status, waitForSession } from '../support/sidecarHarness';
import { startTestSidecar } from '../support/testSidecar';
import { processTree, pssMiB } from './processTree';

const KILLS = Number(process.env.BENCH_KILLS ?? 5);

function rssMiB(pids: number[]): number {
	let kib = 0;
	for (const pid of pids) {
		try {
			kib += Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
		} catch {
			// gone
		}
	}
	return Math.round(kib / 1024);
}

export async function benchSessionRecovery(): Promise<Record<string, number[]>> {
	const fake = await FakeWhatsAppWeb.start();
	const t = await startTestSidecar({ chromiumArgs: fake.chromiumArgs, env: { SIDECAR_LOG_LEVEL: 'warn' } });
	const samples: Record<string, number[]> = {};
	const add = (name: string, value: number) => (samples[name] ??= []).push(value);
	try {
		await t.api('POST', '/api/sessions', { id: 'bench' });
		await scanSession(t, fake, 'bench');
		let session = await waitForSession(t, 'bench', status('READY'));

		// Let the page settle, then weigh one idle READY session.
		await new Promise((r) => setTimeout(r, 3_000));
		const tree = processTree(session.browserPid);
		add('idle READY session: sidecar RSS (MiB)', rssMiB([process.pid]));
		add('idle READY session: Chromium tree RSS (MiB)', rssMiB(tree));
		add('idle READY session: Chromium tree PSS (MiB)', pssMiB(tree));
		add('idle READY session: Chromium processes', tree.length);

		for (let i = 0; i < KILLS; i++) {
			const restartsBefore = session.restarts.total;
			const killedAt = performance.now();
			process.kill(session.browserPid, 'SIGKILL');
			session = await waitForSession(
				t,
				'bench',
				(s) => s.status === 'READY' && s.restarts.total === restartsBefore + 1,
				120_000,
				'READY after the kill',
			);
			add('Chromium SIGKILL → READY again (ms)', performance.now() - killedAt);
			// A healthy period resets the failure count in production; here each kill starts fresh.
			await t.api('POST', '/api/sessions/bench/restart');
			session = await waitForSession(t, 'bench', status('READY'));
		}
	} finally {
		await t.stop();
		await fake.close();
	}
	return samples;
}
