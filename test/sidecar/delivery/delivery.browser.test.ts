import { randomBytes } from 'crypto';
import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver } from '../../support/receiver';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

const SECRET = 'browser-tier-secret-0123';

/** Events from the real whatsapp-web.js, through the fake WhatsApp Web, to a local receiver. */
describe('event delivery from the real library', () => {
	const h = useSidecarHarness();
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	let t: TestSidecar;
	let phone: FakePhone;

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off', SIDECAR_EVENT_MEDIA_INLINE_BYTES: '10000' } });
		await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['*'], secret: SECRET });
		await t.api('POST', '/api/sessions', { id: 'inbox' });
		phone = await scanSession(t, h.fake, 'inbox', '6281100000009');
		await waitForSession(t, 'inbox', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(() => receiver.close());

	const ofType = (type: string) => receiver.received.filter((r) => r.body.type === type);

	it('delivers a burst of 1,000 incoming messages, each exactly once and in order per chat', async () => {
		const chats = ['628120000001', '628120000002', '628120000003', '628120000004'];
		const sentIds: string[] = [];
		for (let batch = 0; batch < 100; batch++) {
			const round = await Promise.all(
				chats.flatMap((from, c) =>
					[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((k) => (batch * 10 + k) % chats.length === c).map((k) => phone.receive({ from, body: `m${batch * 10 + k}` })),
				),
			);
			sentIds.push(...round.map((r) => r.id));
		}
		expect(sentIds).toHaveLength(1000);
		const arrived = await receiver.waitFor((all) => all.filter((r) => r.body.type === 'message').length >= 1000, '1000 message events', 120_000);
		const messages = arrived.filter((r) => r.body.type === 'message');
		const eventIds = messages.map((r) => r.body.id);
		expect(new Set(eventIds).size).toBe(1000);
		expect(new Set(messages.map((r) => r.body.payload.id))).toEqual(new Set(sentIds));
		for (const from of chats) {
			const numbers = messages.filter((r) => r.body.payload.chatId === `${from}@c.us`).map((r) => Number(r.body.payload.text.slice(1)));
			expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
		}
		expect(messages.every((r) => receiver.verifies(r, SECRET))).toBe(true);
		const stats = (await t.api('GET', '/api/webhooks')).body.webhooks[0].stats;
		expect(stats).toMatchObject({ pending: 0, deadLetters: 0 });
	});

	it('carries a group message with its group, and media inline and fetchable', async () => {
		const bytes = randomBytes(4000);
		const { id } = await phone.receive({ from: '628111000111', media: { data: bytes, mimetype: 'image/jpeg', filename: 'x.jpg' }, caption: 'x-ray' });
		await phone.receive({ from: '628111000222', group: { id: '120363000000000001', subject: 'Front desk' }, body: 'team note' });
		const [media] = (await receiver.waitFor((all) => all.some((r) => r.body.payload?.id === id), 'the media event')).filter(
			(r) => r.body.payload?.id === id,
		);
		expect(media.body.payload).toMatchObject({ type: 'image', text: 'x-ray', media: { mimetype: 'image/jpeg', size: 4000 } });
		expect(Buffer.from(media.body.payload.media.base64, 'base64').equals(bytes)).toBe(true);
		const fetched = await t.api('GET', media.body.payload.media.url);
		expect([fetched.status, fetched.contentType]).toEqual([200, 'image/jpeg']);
		expect(fetched.raw.equals(bytes)).toBe(true);

		const group = await receiver.waitFor((all) => all.some((r) => r.body.payload?.text === 'team note'), 'the group event');
		expect(group.find((r) => r.body.payload?.text === 'team note')!.body.payload).toMatchObject({
			chatId: '120363000000000001@g.us',
			sender: '628111000222@c.us',
			isGroup: true,
			group: { id: '120363000000000001@g.us', name: 'Front desk' },
		});
	});

	it('sends acks with the reference given at send time, and never reports our own sends as messages', async () => {
		const reference = { appointmentId: 77 };
		const accepted = await t.api('POST', '/api/sessions/inbox/messages', { to: '628130000077', text: 'See you tomorrow', reference });
		const job = await pollUntil(
			() => t.api('GET', `/api/messages/${accepted.body.jobId}`).then((r) => r.body),
			(j) => j.status === 'sent',
			{ what: 'sent' },
		);
		await phone.ack(job.messageId, 2);
		await phone.ack(job.messageId, 3);
		const acks = await receiver.waitFor(
			(all) => all.some((r) => r.body.type === 'message.ack' && r.body.payload.status === 'read'),
			'the read ack event',
		);
		const mine = acks.filter((r) => r.body.type === 'message.ack' && r.body.payload.jobId === job.jobId);
		expect(mine.map((r) => r.body.payload.status)).toEqual(expect.arrayContaining(['delivered', 'read']));
		expect(mine.every((r) => JSON.stringify(r.body.payload.reference) === JSON.stringify(reference))).toBe(true);
		expect(mine.at(-1)!.body.payload).toMatchObject({ messageId: job.messageId, to: '628130000077@c.us', ack: 3, ackName: 'read' });
		// Own API sends are reported by the queue, not as `message` events (held 2 s, then checked).
		await pollUntil(
			() => t.logs.filter((line) => line.includes('not reported as a message') && line.includes(job.messageId)),
			(lines) => lines.length > 0,
			{ what: 'the own message skipped' },
		);
		expect(ofType('message').some((r) => r.body.payload.id === job.messageId)).toBe(false);
		expect(ofType('session.status').map((r) => r.body.payload.status)).toEqual(expect.arrayContaining(['STARTING', 'SCAN_QR', 'READY']));
		expect(ofType('session.qr')[0].body.payload).toMatchObject({ raw: expect.any(String), dataUrl: expect.stringMatching(/^data:image\/png/) });
	});
});
