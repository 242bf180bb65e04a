import fs from 'fs';
import os from 'os';
import path from 'path';
import { FakeWhatsAppWeb, type FakePhone } from '../../fake-whatsapp-web';
import { sweepOrphanBrowsers } from '../../../sidecar/src/sessions/chrome/processes';
import { pollUntil } from '../../support/poll';
import { spawnSidecar, type SidecarProcess } from '../../support/sidecarProcess';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Durability with a real process: the sidecar CLI is SIGKILLed in the middle of 300 queued
 * messages and started again on the same data folder. The fake's outbox (kept in this test
 * process, so it also holds what the killed sidecar sent) must show every message exactly
 * once; at most the one send under way at the kill may end `uncertain`, and it is not resent.
 */
describe('the whatsapp-sidecar command killed mid-queue', () => {
	const KEY = 'durability-test-key-0123456789';
	const SESSION = 'bulk';
	const PHONE = '6281100000099';
	const TOTAL = 300;
	const KILL_AT = 100;
	const RECIPIENTS = Array.from({ length: 10 }, (_, i) => `62850000001${String(i).padStart(2, '0')}`);
	const DELIVERED_STATUSES = new Set(['sent', 'delivered', 'read', 'played']);

	let fake: FakeWhatsAppWeb;
	let dataDir: string;
	const children: SidecarProcess[] = [];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-durability-'));
	});
	afterAll(async () => {
		for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
		await Promise.all(children.map((c) => c.exited));
		// Both sidecars died without closing their browsers (the second one too when the test failed).
		if (dataDir) await sweepOrphanBrowsers(path.join(dataDir, 'sessions'));
		await fake?.close();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
	});

	async function start(): Promise<SidecarProcess & { api(method: string, url: string, body?: object): Promise<{ status: number; body: Json }> }> {
		const chromiumArgs = fake.chromiumArgs.map((a) => `"${a}"`).join(' ');
		const sidecar = await spawnSidecar(['--port', '0', '--data-dir', dataDir, `--chromium-args=${chromiumArgs}`, '--web-version-cache', 'none'], {
			SIDECAR_API_KEY: KEY,
			SIDECAR_PACING: 'off',
			SIDECAR_DEFAULT_COUNTRY_CODE: '62',
			SIDECAR_START_STAGGER_MS: '0',
			SIDECAR_LOG_LEVEL: 'info',
		});
		children.push(sidecar);
		const api = async (method: string, url: string, body?: object) => {
			const response = await fetch(`${sidecar.url}${url}`, {
				method,
				headers: { 'x-api-key': KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
				body: body && JSON.stringify(body),
			});
			return { status: response.status, body: (await response.json()) as Json };
		};
		return { ...sidecar, api };
	}

	const tail = (s: SidecarProcess) => () => `Last output:\n${s.output().split('\n').slice(-30).join('\n')}`;

	it('sends each of 300 messages exactly once across a SIGKILL and a restart; at most one is uncertain', async () => {
		// 1. A READY session on sidecar #1.
		const first = await start();
		const sessionStatus = (s: typeof first) => () => s.api('GET', `/api/sessions/${SESSION}`).then((r) => r.body);
		expect((await first.api('POST', '/api/sessions', { id: SESSION })).status).toBeLessThan(300);
		await pollUntil(sessionStatus(first), (s) => s.status === 'SCAN_QR', { timeoutMs: 60_000, what: 'SCAN_QR', everyMs: 100, context: tail(first) });
		const qr = await first.api('GET', `/api/sessions/${SESSION}/qr`);
		const phone: FakePhone = await fake.scan(qr.body.raw, { phone: PHONE });
		await pollUntil(sessionStatus(first), (s) => s.status === 'READY', { timeoutMs: 60_000, what: 'READY', everyMs: 100, context: tail(first) });
		await phone.waitUntilListening();

		// 2. 300 messages accepted while the queue is held. Each batch of 10 goes to 10 different
		// recipients, so per recipient the acceptance order is the order of the texts.
		expect((await first.api('POST', `/api/sessions/${SESSION}/queue/pause`)).status).toBe(200);
		const jobs: Array<{ jobId: string; text: string; to: string }> = [];
		for (let batch = 0; batch < TOTAL / 10; batch++) {
			const requests = RECIPIENTS.map((to, r) => ({ to, text: `msg ${String(batch * 10 + r).padStart(3, '0')}` }));
			const answers = await Promise.all(requests.map((body) => first.api('POST', `/api/sessions/${SESSION}/messages`, body)));
			answers.forEach((a, r) => {
				expect(a.status).toBe(202);
				jobs.push({ jobId: a.body.jobId, text: requests[r].text, to: `${requests[r].to}@c.us` });
			});
		}
		expect(new Set(jobs.map((j) => j.jobId)).size).toBe(TOTAL);
		expect(phone.outbox()).toHaveLength(0);

		// 3. Let it run; SIGKILL the moment the fake accepts the KILL_AT-th message, i.e. while
		// that send is still on its way back to the sidecar.
		let outboxAtKill = -1;
		const killed = new Promise<void>((resolve) => {
			const onSent = () => {
				if (phone.outbox().length < KILL_AT) return;
				phone.off('sent', onSent);
				outboxAtKill = phone.outbox().length;
				first.child.kill('SIGKILL');
				resolve();
			};
			phone.on('sent', onSent);
		});
		expect((await first.api('POST', `/api/sessions/${SESSION}/queue/resume`)).status).toBe(200);
		await Promise.race([
			killed,
			pollUntil(() => phone.outbox().length, (n) => n >= KILL_AT, { timeoutMs: 120_000, what: `${KILL_AT} messages in the outbox`, context: tail(first) }),
		]);
		await killed;
		expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
		const outboxAfterExit = phone.outbox().length;
		expect(outboxAtKill).toBeLessThan(TOTAL); // the kill really fell in the middle of the run

		// 4. Sidecar #2 on the same folder restores the session by itself and finishes the queue.
		const second = await start();
		await pollUntil(sessionStatus(second), (s) => s.status === 'READY', { timeoutMs: 120_000, what: 'READY after the restart', everyMs: 200, context: tail(second) });
		const queue = await pollUntil(
			() => second.api('GET', `/api/sessions/${SESSION}/queue`).then((r) => r.body),
			(q) => q.depth === 0 && q.sending === 0,
			{ timeoutMs: 120_000, what: 'the queue drained after the restart', everyMs: 200, context: tail(second) },
		);

		// 5. Every job is sent (or acked further) or uncertain, at most one uncertain, nothing twice.
		const final = await Promise.all(jobs.map((j) => second.api('GET', `/api/messages/${j.jobId}`).then((r) => ({ ...j, job: r.body }))));
		const uncertain = final.filter((f) => f.job.status === 'uncertain');
		const other = final.filter((f) => f.job.status !== 'uncertain');
		const outbox = phone.outbox();
		const bodies = outbox.map((e) => e.body!);
		const count = (text: string) => bodies.filter((b) => b === text).length;
		console.log(
			`durability: ${outboxAtKill} in the outbox at the kill, ${outboxAfterExit} once the process was gone, ` +
				`${outbox.length} at the end; uncertain: ${uncertain.length}` +
				uncertain.map((u) => ` (${u.text}, ${u.job.error?.code}, in the outbox ${count(u.text)}x)`).join('') +
				`; queue totals ${JSON.stringify(queue.totals)}; orphan browsers killed at boot: ${/killed orphan browsers/.test(second.output())}`,
		);

		expect(other.filter((f) => !DELIVERED_STATUSES.has(f.job.status)).map((f) => [f.text, f.job.status, f.job.error ?? null])).toEqual([]);
		expect(uncertain.length).toBeLessThanOrEqual(1);
		for (const u of uncertain) {
			expect(u.job.error?.code).toBe('SEND_INTERRUPTED');
			expect(count(u.text)).toBeLessThanOrEqual(1);
		}
		expect(bodies.filter((b, i) => bodies.indexOf(b) !== i)).toEqual([]); // no duplicates
		expect(bodies.every((b) => jobs.some((j) => j.text === b))).toBe(true);
		expect(other.filter((f) => count(f.text) !== 1).map((f) => [f.text, count(f.text)])).toEqual([]);
		// Each sent job's message id is the one the fake recorded for its text.
		const idOf = new Map(outbox.map((e) => [e.body!, e.id]));
		expect(other.filter((f) => f.job.messageId !== idOf.get(f.text)).map((f) => f.text)).toEqual([]);
		// Per recipient, the outbox keeps the acceptance order.
		const skip = new Set(uncertain.map((u) => u.text));
		for (const to of RECIPIENTS.map((r) => `${r}@c.us`)) {
			const expected = jobs.filter((j) => j.to === to && !skip.has(j.text)).map((j) => j.text);
			expect(outbox.filter((e) => e.to === to && !skip.has(e.body!)).map((e) => e.body)).toEqual(expected);
		}
		expect(outbox.length).toBe(TOTAL - uncertain.filter((u) => count(u.text) === 0).length);
	}, 240_000);
});
