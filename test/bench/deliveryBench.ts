/**
 * Event delivery latency: from the fake phone's receive() (a contact's message
 * reaching WhatsApp Web) to the webhook receiver's arrival, through the real
 * whatsapp-web.js, the sidecar's event pipeline and the signed, persisted
 * delivery. Messages are offered at a steady rate; p50/p99 per rate.
 */
import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { startReceiver, type Received } from '../support/receiver';
import { removeTestDataDirs, startTestSidecar } from '../support/testSidecar';
import { status, waitForSession } from '../support/waitForSession';

const RATES = (process.env.BENCH_DELIVERY_RATES ?? '20,100').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_DELIVERY_SECONDS ?? 5);

type Samples = Record<string, number[]>;

export async function benchDelivery(): Promise<Samples> {
	const fake = await FakeWhatsAppWeb.start();
	const receiver = await startReceiver();
	const t = await startTestSidecar({ chromiumArgs: fake.chromiumArgs, env: { SIDECAR_LOG_LEVEL: 'warn', SIDECAR_PACING: 'off' } });
	const samples: Samples = {};
	try {
		await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['message'], secret: 'bench-secret-0123456789' });
		await t.api('POST', '/api/sessions', { id: 'bench' });
		const qrPage = await fake.waitForQrPage(60_000);
		const phone = await fake.scan(`${qrPage.status.ref},x,y,z,w`, { phone: '6281199999999' });
		await waitForSession(t, 'bench', status('READY'));
		await phone.waitUntilListening();

		const publishedAt = new Map<string, number>();
		t.sidecar.bus.subscribe((e) => {
			if (e.type === 'message') publishedAt.set(String(e.payload.text), Date.now());
		});
		for (const rate of RATES) {
			const count = rate * SECONDS;
			const sentAt = new Map<string, number>();
			const acceptedAt = new Map<string, number>();
			const start = performance.now();
			const offers: Array<Promise<unknown>> = [];
			for (let i = 0; i < count; i++) {
				const due = start + (i * 1000) / rate;
				const wait = due - performance.now();
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
				const text = `rate${rate}-${i}`;
				sentAt.set(text, Date.now());
				offers.push(
					phone.receive({ from: `62812000${String(i % 50).padStart(4, '0')}`, body: text }).then(() => acceptedAt.set(text, Date.now())),
				);
			}
			await Promise.all(offers);
			const ofRate = (all: Received[]) => all.filter((r) => String(r.body?.payload?.text).startsWith(`rate${rate}-`));
			await receiver.waitFor((all) => ofRate(all).length >= count, `${count} messages at ${rate} msg/s`, 120_000);
			const latencies = receiver.received
				.filter((r) => String(r.body.payload?.text).startsWith(`rate${rate}-`))
				.map((r) => r.at - sentAt.get(r.body.payload.text)!);
			samples[`receive() → webhook arrival at ${rate} msg/s`] = latencies;
			samples[`  ${rate} msg/s: of which receive() until the page took it`] = [...sentAt].map(([text, at]) => acceptedAt.get(text)! - at);
			samples[`  ${rate} msg/s: of which event published → webhook arrival`] = receiver.received
				.filter((r) => String(r.body.payload?.text).startsWith(`rate${rate}-`))
				.map((r) => r.at - publishedAt.get(r.body.payload.text)!);
		}
	} finally {
		await t.stop();
		await receiver.close();
		await fake.close();
		removeTestDataDirs();
	}
	return samples;
}
