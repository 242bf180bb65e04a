import { createHash, randomBytes } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Sending through the real whatsapp-web.js into the fake WhatsApp Web. */
describe('sending through the real library', () => {
	const h = useSidecarHarness();
	const PACING_OFF = { SIDECAR_PACING: 'off', SIDECAR_DEFAULT_COUNTRY_CODE: '62' };

	async function readySession(t: TestSidecar, id: string, number: string): Promise<FakePhone> {
		await t.api('POST', '/api/sessions', { id });
		const phone = await scanSession(t, h.fake, id, number);
		await waitForSession(t, id, status('READY'));
		await phone.waitUntilListening();
		return phone;
	}
	const jobUntil = (t: TestSidecar, id: string, done: (j: Job) => boolean, what: string, timeoutMs = 30_000) =>
		pollUntil(() => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job), done, {
			what: `job ${id}: ${what}`,
			timeoutMs,
			context: () => t.logs.slice(-20).join('\n'),
		});

	it('sends 200 messages across 2 sessions, each exactly once and in order per recipient', async () => {
		const t = await h.sidecar({ env: PACING_OFF });
		const phones = { north: await readySession(t, 'north', '6281100000001'), south: await readySession(t, 'south', '6281100000002') };
		const recipients = ['6285000000001', '6285000000002', '6285000000003', '6285000000004', '6285000000005'];
		const expected: Record<string, Map<string, string[]>> = { north: new Map(), south: new Map() };
		const posts: Array<Promise<unknown>> = [];
		for (let i = 0; i < 100; i++) {
			for (const session of ['north', 'south'] as const) {
				const to = recipients[i % recipients.length];
				const text = `${session} #${i} to ${to}`;
				const list = expected[session].get(`${to}@c.us`) ?? [];
				list.push(text);
				expected[session].set(`${to}@c.us`, list);
				// Sequential per session, so acceptance order is the order written above.
				posts.push(t.api('POST', `/api/sessions/${session}/messages`, { to, text }));
			}
			if (i % 10 === 9) await Promise.all(posts.splice(0));
		}
		await Promise.all(posts);

		for (const session of ['north', 'south'] as const) {
			const outbox = await phones[session].waitForOutbox(100, 120_000);
			const bodies = outbox.map((e) => e.body!);
			expect(new Set(bodies).size).toBe(bodies.length);
			for (const [to, texts] of expected[session]) {
				expect(outbox.filter((e) => e.to === to).map((e) => e.body)).toEqual(texts);
			}
		}
		const queue = await pollUntil(
			() => t.api('GET', '/api/sessions/north/queue').then((r) => r.body),
			(q) => q.depth === 0 && q.sending === 0,
			{ what: 'north queue drained' },
		);
		expect(queue.totals).toMatchObject({ sent: 100, failed: 0, uncertain: 0 });
		// Nothing more trickles in after the queues are empty.
		expect(phones.north.outbox()).toHaveLength(100);
		expect(phones.south.outbox()).toHaveLength(100);
	});

	it('keeps the reference of a message through a sidecar restart: acks before and after it', async () => {
		const first = await h.sidecar({ env: PACING_OFF });
		const phone = await readySession(first, 'clinic', '6281100000003');
		const reference = { appointmentId: 42, patient: 'A. Patient' };
		const accepted = await first.api('POST', '/api/sessions/clinic/messages', { to: '+62 812-0000-0042', text: 'See you at 10:00', reference });
		const sent = await jobUntil(first, accepted.body.jobId, (j) => j.status === 'sent', 'sent');
		await phone.ack(sent.messageId, 2);
		await jobUntil(first, sent.jobId, (j) => j.status === 'delivered', 'delivered before the restart');
		await h.stop(first);

		const second = await h.sidecar({ dataDir: first.dataDir, env: PACING_OFF });
		await waitForSession(second, 'clinic', status('READY'));
		await phone.waitUntilListening();
		await phone.ack(sent.messageId, 3);
		const read = await jobUntil(second, sent.jobId, (j) => j.status === 'read', 'read after the restart');
		expect(read).toMatchObject({ reference, ack: 3, to: '6281200000042@c.us' });
		// The library answers with ack 0 (pending) and the server's ack 1 follows: both are `sent`.
		const statuses = read.history.map((e: { status: string }) => e.status).filter((s: string, i: number, all: string[]) => s !== all[i - 1]);
		expect(statuses).toEqual(['queued', 'sending', 'sent', 'delivered', 'read']);
		expect(read.history.filter((e: { ack?: number }) => e.ack !== undefined).map((e: { ack: number }) => e.ack).slice(-2)).toEqual([2, 3]);
		const byReference = await second.api('GET', `/api/messages?reference=${encodeURIComponent(JSON.stringify(reference))}`);
		expect(byReference.body.jobs).toEqual([expect.objectContaining({ jobId: sent.jobId, status: 'read' })]);
	});

	it('marks a message without a delivered ack undelivered, sends it once more, and no more than that', async () => {
		const t = await h.sidecar({ env: { ...PACING_OFF, SIDECAR_UNDELIVERED_AFTER_MS: '1500', SIDECAR_UNDELIVERED_RESEND: 'true' } });
		const phone = await readySession(t, 'remind', '6281100000004');
		const accepted = await t.api('POST', '/api/sessions/remind/messages', { to: '6285500000001', text: 'Are you coming?' });
		const done = await jobUntil(
			t,
			accepted.body.jobId,
			(j) => j.history.filter((e: { status: string }) => e.status === 'undelivered').length === 2,
			'undelivered twice',
		);
		expect(done.status).toBe('undelivered');
		expect(done.resent).toBe(true);
		expect(done.messageIds).toHaveLength(2);
		const copies = phone.outbox().filter((e) => e.body === 'Are you coming?');
		expect(copies.map((e) => e.id)).toEqual(done.messageIds);

		// The phone comes back online: the late delivery of the second copy still counts.
		await phone.ack(done.messageIds[1], 2);
		await jobUntil(t, done.jobId, (j) => j.status === 'delivered', 'delivered late');
		expect(phone.outbox().filter((e) => e.body === 'Are you coming?')).toHaveLength(2);
	});

	it('sends media from a URL and base64, to numbers in any written form, to groups; checks numbers; one send per idempotency key', async () => {
		const image = randomBytes(4096);
		const server = http.createServer((req, res) => {
			if (req.url === '/map.png') res.writeHead(200, { 'content-type': 'image/png' }).end(image);
			else res.writeHead(404).end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const t = await h.sidecar({ env: { ...PACING_OFF, SIDECAR_MEDIA_ALLOWED_HOSTS: '127.0.0.1' } });
			const phone = await readySession(t, 'media', '6281100000005');
			h.fake.setUnregistered(['6289999999999']);
			await phone.receive({ from: '628111000111', group: { id: '120363099999999999', subject: 'Staff' }, body: 'hi' });

			const requests = [
				{ to: '+62 812-3456-7001', media: { url: `${base}/map.png` }, caption: 'The map' },
				{ to: '0812 3456 7002', media: { base64: image.toString('base64'), mimetype: 'image/png', filename: 'map.png' } },
				{ to: '6281234567003', text: 'plain digits' },
				{ to: '120363099999999999@g.us', text: 'Hello team' },
				{ to: '6289999999999', text: 'nobody', checkNumber: true },
				{ to: '6281234567004', media: { url: `${base}/missing.png` } },
			];
			const jobs: Job[] = [];
			for (const body of requests) jobs.push((await t.api('POST', '/api/sessions/media/messages', body)).body);
			const final = await Promise.all(
				jobs.map((j) => jobUntil(t, j.jobId, (x) => ['sent', 'failed'].includes(x.status), 'sent or failed')),
			);
			expect(final.map((j) => [j.to, j.status, j.error?.code ?? null])).toEqual([
				['6281234567001@c.us', 'sent', null],
				['6281234567002@c.us', 'sent', null],
				['6281234567003@c.us', 'sent', null],
				['120363099999999999@g.us', 'sent', null],
				['6289999999999@c.us', 'failed', 'NOT_ON_WHATSAPP'],
				['6281234567004@c.us', 'failed', 'MEDIA_FETCH_FAILED'],
			]);
			const byId = new Map(phone.outbox().map((e) => [e.id, e]));
			const sha = createHash('sha256').update(image).digest('hex');
			expect(byId.get(final[0].messageId)).toMatchObject({ type: 'image', caption: 'The map', media: { sha256: sha } });
			expect(byId.get(final[1].messageId)).toMatchObject({ type: 'image', media: { sha256: sha } });
			expect(byId.get(final[3].messageId)).toMatchObject({ to: '120363099999999999@g.us', body: 'Hello team' });
			expect(phone.outbox().some((e) => e.to === '6289999999999@c.us')).toBe(false);
			expect((await t.api('GET', '/api/sessions/media/contacts/+62%20812-3456-7001')).body).toMatchObject({ registered: true });

			// n8n retrying an execution: the same idempotency key three times, one message in the outbox.
			const retry = { to: '6281234567005', text: 'Reminder for appointment 7', idempotencyKey: 'wf-1:exec-9:item-0' };
			const answers = await Promise.all([1, 2, 3].map(() => t.api('POST', '/api/sessions/media/messages', retry)));
			expect(new Set(answers.map((a) => a.body.jobId)).size).toBe(1);
			await jobUntil(t, answers[0].body.jobId, (j) => j.status === 'sent', 'sent');
			const late = await t.api('POST', '/api/sessions/media/messages', retry);
			expect([late.status, late.body.jobId]).toEqual([200, answers[0].body.jobId]);
			expect(phone.outbox().filter((e) => e.body === retry.text)).toHaveLength(1);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
