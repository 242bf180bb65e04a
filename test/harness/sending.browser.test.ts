import { createHash, randomBytes } from 'crypto';
import { MessageMedia, type Message } from 'whatsapp-web.js';
import { FakePhone, FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

describe('sending messages and their acks', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;
	let phone: FakePhone;

	const acksOf = (id: string) =>
		session.log
			.all('message_ack')
			.filter((e) => (e.args[0] as Message).id._serialized === id)
			.map((e) => e.args[1]);
	const ackEvent = (id: string, level: number) =>
		session.log.next('message_ack', (m: Message, ack: number) => m.id._serialized === id && ack === level);

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		({ session, phone } = await pairedSession(fake, 'sending'));
	});
	afterEach(() => phone.autoAck([]));
	afterAll(async () => {
		await session?.dispose();
		await fake.close();
	});

	it('sends a text that reaches the outbox and acks 1 → 2 → 3', async () => {
		phone.autoAck([2, 3], 20);
		const sent = await session.client.sendMessage('6281234567890@c.us', 'Reminder: dentist at 10:00');
		expect(sent.fromMe).toBe(true);
		expect(sent.body).toBe('Reminder: dentist at 10:00');

		const [entry] = await phone.waitForOutbox(1);
		expect(entry).toMatchObject({ id: sent.id._serialized, to: '6281234567890@c.us', type: 'chat' });
		expect(entry.body).toBe('Reminder: dentist at 10:00');

		await ackEvent(sent.id._serialized, 3);
		expect(acksOf(sent.id._serialized)).toEqual([1, 2, 3]);
		expect(phone.outbox()[0].ack).toBe(3);
		await session.log.next('message_create', (m: Message) => m.id._serialized === sent.id._serialized);
	});

	it('sends a document with caption: uploaded bytes intact, media_uploaded, acks', async () => {
		const bytes = randomBytes(20 * 1024);
		const media = new MessageMedia('application/pdf', bytes.toString('base64'), 'invoice-42.pdf');
		const sent = await session.client.sendMessage('6281234567890@c.us', media, { caption: 'Your invoice' });
		await session.log.next('media_uploaded', (m: Message) => m.id._serialized === sent.id._serialized);
		expect(sent.hasMedia).toBe(true);

		const entry = phone.outbox().find((e) => e.id === sent.id._serialized)!;
		expect(entry.type).toBe('document');
		expect(entry.caption).toBe('Your invoice');
		expect(entry.media).toEqual({
			mimetype: 'application/pdf',
			filename: 'invoice-42.pdf',
			size: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
		});
		expect(phone.sentMedia(sent.id._serialized)!.equals(bytes)).toBe(true);

		await phone.ack(sent.id._serialized, 2);
		await phone.ack(sent.id._serialized, 3);
		await ackEvent(sent.id._serialized, 3);
		expect(acksOf(sent.id._serialized)).toEqual([1, 2, 3]);
	});

	it('sends an image as an image, and a reply that quotes the original', async () => {
		const image = new MessageMedia('image/png', randomBytes(2048).toString('base64'), 'map.png');
		const sent = await session.client.sendMessage('6281234567890@c.us', image);
		const reply = await sent.reply('See the map above');
		await phone.waitForOutbox(4);
		const byId = new Map(phone.outbox().map((e) => [e.id, e]));
		expect(byId.get(sent.id._serialized)!.type).toBe('image');
		expect(byId.get(reply.id._serialized)).toMatchObject({ body: 'See the map above', quotedId: sent.id.id });
	});

	it('sends to a group', async () => {
		await phone.receive({ from: '628111000111', group: { id: '120363099999999999', subject: 'Staff' }, body: 'hi' });
		const sent = await session.client.sendMessage('120363099999999999@g.us', 'Hello team');
		const entry = phone.outbox().find((e) => e.id === sent.id._serialized)!;
		expect(entry.to).toBe('120363099999999999@g.us');
		expect(entry.ack).toBe(1);
	});

	it('reports typing through the chat state bridge', async () => {
		const chat = await session.client.getChatById('6281234567890@c.us');
		await chat.sendStateTyping();
		await chat.clearState();
		// sendStateTyping() does not wait for the page; the phone's event does.
		await phone.waitFor('chatstate', () => phone.chatStates.length >= 2, 10_000, 'two chat states');
		expect(phone.chatStates.map((s) => s.state)).toEqual(['typing', 'stop']);
	});
});
