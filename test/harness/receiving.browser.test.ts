import { randomBytes } from 'crypto';
import type { Message } from 'whatsapp-web.js';
import { FakePhone, FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

describe('incoming messages', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;
	let phone: FakePhone;

	const nextMessage = async (id: string) =>
		((await session.log.next('message', (m: Message) => m.id._serialized === id)) as [Message])[0];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		({ session, phone } = await pairedSession(fake, 'receiving'));
	});
	afterAll(async () => {
		await session?.dispose();
		await fake.close();
	});

	it('emits message_create and message for a text, with sender and push name', async () => {
		const { id } = await phone.receive({ from: '+62 812-3456-789', body: 'Can I move my appointment?', pushname: 'Budi' });
		const message = await nextMessage(id);
		expect(message.body).toBe('Can I move my appointment?');
		expect(message.from).toBe('628123456789@c.us');
		expect(message.to).toBe(phone.wid);
		expect(message.fromMe).toBe(false);
		expect(message.type).toBe('chat');
		expect(message.hasMedia).toBe(false);
		expect((message as unknown as { _data: { notifyName: string } })._data.notifyName).toBe('Budi');
		await session.log.next('message_create', (m: Message) => m.id._serialized === id);
		const contact = await message.getContact();
		expect(contact.pushname).toBe('Budi');
	});

	it('delivers an image whose bytes download intact', async () => {
		const bytes = randomBytes(48 * 1024);
		const { id } = await phone.receive({
			from: '628123456789',
			media: { data: bytes, mimetype: 'image/jpeg', filename: 'x-ray.jpg' },
			caption: 'my x-ray',
		});
		const message = await nextMessage(id);
		expect(message.type).toBe('image');
		expect(message.hasMedia).toBe(true);
		expect(message.body).toBe('my x-ray');
		const media = await message.downloadMedia();
		expect(media.mimetype).toBe('image/jpeg');
		expect(Buffer.from(media.data, 'base64').equals(bytes)).toBe(true);
	});

	it('delivers a document with its file name', async () => {
		const bytes = Buffer.from('%PDF-1.4 fake invoice');
		const { id } = await phone.receive({
			from: '628123456789',
			media: { data: bytes, mimetype: 'application/pdf', filename: 'invoice.pdf' },
		});
		const message = await nextMessage(id);
		expect(message.type).toBe('document');
		const media = await message.downloadMedia();
		expect(media.filename).toBe('invoice.pdf');
		expect(Buffer.from(media.data, 'base64').equals(bytes)).toBe(true);
	});

	it('delivers a group message with its author and the group chat', async () => {
		const { id } = await phone.receive({
			from: '628111000111',
			group: { id: '120363012345678901', subject: 'Clinic staff', participants: ['628111000111@c.us'] },
			body: 'Meeting at 9',
		});
		const message = await nextMessage(id);
		expect(message.from).toBe('120363012345678901@g.us');
		expect(message.author).toBe('628111000111@c.us');
		const chat = await message.getChat();
		expect(chat.isGroup).toBe(true);
		expect(chat.name).toBe('Clinic staff');
	});

	it('delivers a reply that quotes an earlier message', async () => {
		const sent = await session.client.sendMessage('628123456789@c.us', 'Your appointment is at 10:00');
		const { id } = await phone.receive({ from: '628123456789', body: 'Thanks!', quotedId: sent.id._serialized });
		const message = await nextMessage(id);
		expect(message.hasQuotedMsg).toBe(true);
		const quoted = await message.getQuotedMessage();
		expect(quoted.body).toBe('Your appointment is at 10:00');
	});
});
