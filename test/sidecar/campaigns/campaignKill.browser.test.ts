import fs from 'fs';
import os from 'os';
import path from 'path';
import { FakeWhatsAppWeb, type FakePhone } from '../../fake-whatsapp-web';
import { sweepOrphanBrowsers } from '../../../sidecar/src/sessions/chrome/processes';
import { pollUntil } from '../../support/poll';
import { spawnSidecar, type SidecarProcess } from '../../support/sidecarProcess';
import { campaignJobs, campaignUntil, contacts, type CampaignApi, type Json, WENT_OUT } from './campaignSupport';

const KEY = 'campaign-kill-test-key-0123456789';
const COUNT = 120;
const KILL_AT = 40;
/** Messages in the campaign whose POST is cut short (accepting them takes seconds). */
const BIG = 3_000;

type Running = SidecarProcess & CampaignApi;

/**
 * A campaign across a SIGKILL (issue 15), with the real `whatsapp-sidecar` command: killed while
 * its two numbers send, started again on the same data folder (the sessions link again from
 * their saved login), the same campaign posted again is a duplicate, and in the end every contact
 * got at most one message, every job went out or is `uncertain` (at most the send under way on
 * each number at the kill), and the campaign holds exactly one job per contact.
 */
describe('a campaign across a SIGKILL of the sidecar', () => {
	let fake: FakeWhatsAppWeb;
	let dataDir: string;
	const children: SidecarProcess[] = [];
	/** The sidecar the first test leaves running, and the phones of its two numbers. */
	let current: Running | undefined;
	const phones: FakePhone[] = [];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-campaign-kill-'));
	});
	afterAll(async () => {
		for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
		await Promise.all(children.map((c) => c.exited));
		if (dataDir) await sweepOrphanBrowsers(path.join(dataDir, 'sessions'));
		await fake?.close();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
	});

	async function start(): Promise<Running> {
		const chromiumArgs = fake.chromiumArgs.map((a) => `"${a}"`).join(' ');
		const sidecar = await spawnSidecar(['--port', '0', '--data-dir', dataDir, `--chromium-args=${chromiumArgs}`, '--web-version-cache', 'none'], {
			SIDECAR_API_KEY: KEY,
			SIDECAR_PACING: 'off',
			SIDECAR_DEFAULT_COUNTRY_CODE: '62',
			SIDECAR_START_STAGGER_MS: '0',
			SIDECAR_LOG_LEVEL: 'info',
			SIDECAR_CAMPAIGN_PROGRESS_MS: '500',
		});
		children.push(sidecar);
		const api = async (method: string, url: string, body?: unknown) => {
			const response = await fetch(`${sidecar.url}${url}`, {
				method,
				headers: { 'x-api-key': KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: response.status, body: (await response.json()) as Json };
		};
		return { ...sidecar, api, tail: () => `Last output:\n${sidecar.output().split('\n').slice(-30).join('\n')}` };
	}
	const session = (s: Running, id: string, wanted: string, timeoutMs = 60_000) =>
		pollUntil(() => s.api('GET', `/api/sessions/${id}`).then((r) => r.body), (v) => v.status === wanted, { timeoutMs, everyMs: 100, what: `${id} ${wanted}`, context: s.tail });

	it('loses nothing and sends nothing twice; re-posting the campaign is a duplicate', async () => {
		// 1. Two READY numbers on sidecar #1.
		const first = await start();
		for (const [id, number] of [['one', '6281100000701'], ['two', '6281100000702']]) {
			expect((await first.api('POST', '/api/sessions', { id })).status).toBe(201);
			await session(first, id, 'SCAN_QR');
			const qr = await first.api('GET', `/api/sessions/${id}/qr`);
			phones.push(await fake.scan(qr.body.raw, { phone: number }));
			await session(first, id, 'READY');
		}
		await Promise.all(phones.map((p) => p.waitUntilListening()));
		const sentSoFar = () => phones.reduce((n, p) => n + p.outbox().length, 0);

		// 2. SIGKILL the moment the fake has accepted the KILL_AT-th message (a send may still be on its way back).
		let atKill = -1;
		const killed = new Promise<void>((resolve) => {
			const onSent = () => {
				if (sentSoFar() < KILL_AT || atKill >= 0) return;
				atKill = sentSoFar();
				first.child.kill('SIGKILL');
				resolve();
			};
			for (const p of phones) p.on('sent', onSent);
		});
		const people = contacts(COUNT, '62853');
		const body = { name: 'Flash sale', sessions: ['one', 'two'], messages: people.map((to, i) => ({ to, text: `Flash sale ${i}`, reference: i })) };
		const created = await first.api('POST', '/api/campaigns', body);
		expect([created.status, created.body.total]).toEqual([202, COUNT]);
		await Promise.race([killed, pollUntil(sentSoFar, (n) => n >= KILL_AT, { timeoutMs: 120_000, what: `${KILL_AT} sent`, context: first.tail })]);
		await killed;
		expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
		expect(atKill).toBeLessThan(COUNT); // the kill fell in the middle

		// 3. Sidecar #2 on the same folder: both numbers link again by themselves; the same campaign again is a duplicate.
		const second = (current = await start());
		await session(second, 'one', 'READY', 120_000);
		await session(second, 'two', 'READY', 120_000);
		const again = await second.api('POST', '/api/campaigns', body);
		expect([again.status, again.body.duplicate, again.body.campaignId, again.body.total]).toEqual([200, true, created.body.campaignId, COUNT]);
		const done = await campaignUntil(second, created.body.campaignId, (v) => v.state === 'finished', 'finished after the restart', 120_000);

		// 4. One job per contact; each went out or is uncertain (at most one per number); no contact got two.
		const jobs = await campaignJobs(second, created.body.campaignId);
		const outbox = phones.flatMap((p) => p.outbox());
		const perContact = new Map<string, number>();
		for (const e of outbox) perContact.set(e.to, (perContact.get(e.to) ?? 0) + 1);
		const uncertain = jobs.filter((j) => j.status === 'uncertain');
		console.log(`campaign across a SIGKILL: ${atKill} sent at the kill, ${outbox.length} at the end; uncertain ${uncertain.length}; ${JSON.stringify(done.counts)}`);
		expect(jobs).toHaveLength(COUNT);
		expect(new Set(jobs.map((j) => j.to)).size).toBe(COUNT);
		expect(done.total).toBe(COUNT);
		expect([...perContact].filter(([, n]) => n > 1)).toEqual([]);
		expect(jobs.filter((j) => !WENT_OUT.has(j.status) && j.status !== 'uncertain').map((j) => [j.to, j.status, j.error?.code])).toEqual([]);
		expect(uncertain.length).toBeLessThanOrEqual(2);
		expect(uncertain.filter((j) => j.error?.code !== 'SEND_INTERRUPTED')).toEqual([]);
		// Every job that went out is the message its contact received.
		const idOf = new Map(outbox.map((e) => [e.to, e.id]));
		expect(jobs.filter((j) => WENT_OUT.has(j.status) && idOf.get(j.to) !== j.messageId).map((j) => j.to)).toEqual([]);
		expect(outbox.length).toBe(COUNT - uncertain.filter((j) => !perContact.has(j.to)).length);
	}, 300_000);

	it('a POST cut short by a SIGKILL: posting it again accepts the rest, one job per contact', async () => {
		expect(current).toBeDefined(); // the first test ran
		const killedOne = current!;
		// Nothing is sent meanwhile: this is about accepting (the paused queues stay paused across restarts).
		for (const id of ['one', 'two']) expect((await killedOne.api('POST', `/api/sessions/${id}/queue/pause`)).status).toBe(200);
		const people = contacts(BIG, '62852');
		const body = { name: 'Interrupted', sessions: ['one', 'two'], messages: people.map((to, i) => ({ to, text: `Interrupted ${i}` })) };
		// Its answer never comes (the process dies first): only the outcome is printed.
		const posting = killedOne.api('POST', '/api/campaigns', body).then((r) => `answered ${r.status}`, (error: Error) => `failed (${error.message})`);

		// The campaign is on disk before its messages: kill as soon as some, not all, are accepted (have a status).
		const accepted = (c: Json) => Object.values(c.counts as Record<string, number>).reduce((a, b) => a + b, 0);
		const partial = await pollUntil(
			() => killedOne.api('GET', '/api/campaigns').then((r) => r.body.campaigns.find((c: Json) => c.name === 'Interrupted')),
			(c) => c !== undefined && accepted(c) > 0,
			{ timeoutMs: 60_000, everyMs: 20, what: 'the campaign partly accepted', context: killedOne.tail },
		);
		killedOne.child.kill('SIGKILL');
		expect(await killedOne.exited).toEqual({ code: null, signal: 'SIGKILL' });
		const answer = await posting;
		console.log(`interrupted POST: ${accepted(partial)} of ${BIG} accepted when seen, the POST ${answer}`);
		expect(accepted(partial)).toBeLessThan(BIG); // the kill fell in the middle of accepting

		const third = (current = await start());
		const again = await third.api('POST', '/api/campaigns', body);
		expect([again.status, again.body.duplicate, again.body.campaignId, again.body.total]).toEqual([200, true, partial.campaignId, BIG]);
		const jobs = await campaignJobs(third, partial.campaignId);
		expect(jobs).toHaveLength(BIG);
		expect(new Set(jobs.map((j) => j.to))).toEqual(new Set(people.map((p) => `${p}@c.us`)));
		expect(jobs.filter((j) => j.status !== 'queued').map((j) => [j.to, j.status])).toEqual([]);
		expect(phones.flatMap((p) => p.outbox()).filter((e) => e.body?.startsWith('Interrupted'))).toEqual([]);

		// Cancelled: every waiting message, and the campaign says so.
		const cancelled = await third.api('POST', `/api/campaigns/${partial.campaignId}/cancel`);
		expect([cancelled.status, cancelled.body.state, cancelled.body.counts.cancelled]).toEqual([200, 'cancelled', BIG]);
	}, 300_000);
});
