import type { EventEnvelope } from '../../../sidecar/src/contract';
import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * People WhatsApp addresses by linked ids (…@lid), through the real whatsapp-web.js
 * against the fake: message events say the phone number when WhatsApp tells it, sends
 * by phone number reach LID-addressed chats and their acks find the job, sends to a
 * LID work, and the contact check answers both addresses.
 */
describe('LID addresses through the real library', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;
	const messages: Array<EventEnvelope<'message'>> = [];

	const event = (text: string) =>
		pollUntil(() => messages.find((m) => m.payload.text === text), (m) => m !== undefined, {
			what: `the message event "${text}"`,
			context: () => t.logs.slice(-20).join('\n'),
		}).then((m) => m!.payload);
	const jobUntil = (id: string, done: (j: Job) => boolean, what: string) =>
		pollUntil(() => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Job), done, {
			what: `job ${id}: ${what}`,
			context: () => t.logs.slice(-20).join('\n'),
		});
	const send = async (to: string, text: string, reference: unknown) => {
		const accepted = await t.api('POST', '/api/sessions/clinic/messages', { to, text, reference });
		expect(accepted.status).toBe(202);
		return accepted.body.jobId as string;
	};

	beforeAll(async () => {
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off' } });
		t.sidecar.bus.subscribe((e) => {
			if (e.type === 'message') messages.push(e as EventEnvelope<'message'>);
		});
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		phone = await scanSession(t, h.fake, 'clinic', '6281100000100');
		await waitForSession(t, 'clinic', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(() => expect(h.fake.unknownModules).toEqual(new Set()));

	it('a LID-only contact: the event has sender and senderLid, and senderPhone null', async () => {
		h.fake.addContact({ lid: '201000000000101' });
		await phone.receive({ from: '201000000000101@lid', body: 'hidden number here' });
		expect(await event('hidden number here')).toMatchObject({
			sender: '201000000000101@lid',
			senderPhone: null,
			senderLid: '201000000000101@lid',
			chatId: '201000000000101@lid',
			chatPhone: null,
			chatLid: '201000000000101@lid',
		});
	});

	it('a LID-addressed contact who has a phone: the event says the phone number', async () => {
		h.fake.addContact({ phone: '628120000102', lid: '201000000000102', addressing: 'lid' });
		await phone.receive({ from: '628120000102', body: 'I am patient 102' });
		expect(await event('I am patient 102')).toMatchObject({
			sender: '201000000000102@lid',
			senderPhone: '628120000102',
			senderLid: '201000000000102@lid',
			chatId: '201000000000102@lid',
			chatPhone: '628120000102',
		});
	});

	it('a chat migrates from phone to LID mid-conversation: the same phone before and after, and an earlier send still gets its acks', async () => {
		h.fake.addContact({ phone: '628120000103', lid: '201000000000103' });
		await phone.receive({ from: '628120000103', body: 'first, by phone' });
		expect(await event('first, by phone')).toMatchObject({ sender: '628120000103@c.us', senderPhone: '628120000103', senderLid: '201000000000103@lid' });
		const reference = { appointmentId: 103 };
		const jobId = await send('+62 812-0000-103', 'Your appointment is at 09:00', reference);
		const sent = await jobUntil(jobId, (j) => j.status === 'sent', 'sent');
		expect(sent.messageId).toMatch(/^true_628120000103@c\.us_/);

		await h.fake.migrateToLid('628120000103');
		await phone.receive({ from: '628120000103', body: 'then, by LID' });
		expect(await event('then, by LID')).toMatchObject({ sender: '201000000000103@lid', senderPhone: '628120000103', chatPhone: '628120000103' });

		// WhatsApp Web filed the earlier message under the LID chat: its receipt names it so.
		await phone.ack(sent.messageId, 2);
		const delivered = await jobUntil(jobId, (j) => j.status === 'delivered', 'delivered after the migration');
		expect(delivered).toMatchObject({ reference, to: '628120000103@c.us', messageIds: [sent.messageId] });
	});

	it('a send to a phone number whose chat is LID-addressed: the message goes to the LID chat, and its acks reach the job and its reference', async () => {
		h.fake.addContact({ phone: '628120000104', lid: '201000000000104', addressing: 'lid' });
		phone.autoAck([2, 3], 50);
		try {
			const reference = { appointmentId: 104, patient: 'B. Patient' };
			const jobId = await send('628120000104', 'Reminder: 10:30 tomorrow', reference);
			const read = await jobUntil(jobId, (j) => j.status === 'read', 'read');
			expect(read).toMatchObject({ reference, to: '628120000104@c.us' });
			expect(read.messageId).toMatch(/^true_201000000000104@lid_/);
			expect(phone.outbox().find((e) => e.body === 'Reminder: 10:30 tomorrow')).toMatchObject({ to: '201000000000104@lid' });
		} finally {
			phone.autoAck([]);
		}
	});

	it('a send to a …@lid id reaches that chat (a reply to a LID sender\'s chatId)', async () => {
		h.fake.addContact({ lid: '201000000000105' });
		const jobId = await send('201000000000105@lid', 'Thanks, we got your message', { ticket: 105 });
		const sent = await jobUntil(jobId, (j) => j.status === 'sent', 'sent');
		expect(sent).toMatchObject({ to: '201000000000105@lid' });
		expect(phone.outbox().find((e) => e.body === 'Thanks, we got your message')).toMatchObject({ to: '201000000000105@lid' });
		await phone.ack(sent.messageId, 2);
		await jobUntil(jobId, (j) => j.status === 'delivered', 'delivered');
	});

	it('GET /contacts/:number answers registered, chatId, lid and phone', async () => {
		h.fake.addContact({ phone: '628120000106', lid: '201000000000106' });
		h.fake.addContact({ lid: '201000000000107' });
		h.fake.setUnregistered(['628120000109']);
		const check = async (number: string) => (await t.api('GET', `/api/sessions/clinic/contacts/${encodeURIComponent(number)}`)).body;

		expect(await check('+62 812-0000-106')).toMatchObject({ registered: true, chatId: '628120000106@c.us', lid: '201000000000106@lid', phone: '628120000106', number: '628120000106' });
		expect(await check('201000000000106@lid')).toMatchObject({ registered: true, chatId: '201000000000106@lid', lid: '201000000000106@lid', phone: '628120000106' });
		expect(await check('201000000000107@lid')).toMatchObject({ registered: true, chatId: '201000000000107@lid', lid: '201000000000107@lid', phone: null });
		expect(await check('201000000000999@lid')).toMatchObject({ registered: false, lid: null, phone: null });
		expect(await check('628120000108')).toMatchObject({ registered: true, chatId: '628120000108@c.us', lid: null, phone: '628120000108' });
		expect(await check('628120000109')).toMatchObject({ registered: false, chatId: '628120000109@c.us', lid: null, phone: '628120000109' });
		const refused = await t.api('GET', `/api/sessions/clinic/contacts/${encodeURIComponent('12@lid')}`);
		expect(refused).toMatchObject({ status: 400, body: { error: { code: 'RECIPIENT_INVALID' } } });
	});
});
