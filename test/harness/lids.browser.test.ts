import type { Message } from 'whatsapp-web.js';
import { FakePhone, FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

/**
 * LIDs through the unmodified library: what the fake's WAWebApiContact, WAWebQueryExistsJob,
 * WAWebFindChatAction and chat migration give whatsapp-web.js 1.34.7's own code paths
 * (getContactLidAndPhone → WWebJS.enforceLidAndPnRetrieval, sendMessage → WWebJS.getChat).
 */
describe('LID addresses in the fake, through the real library', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;
	let phone: FakePhone;

	const nextMessage = async (id: string) =>
		((await session.log.next('message', (m: Message) => m.id._serialized === id)) as [Message])[0];
	const lidAndPhone = (id: string) => session.client.getContactLidAndPhone([id]);

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
		({ session, phone } = await pairedSession(fake, 'lids'));
		fake.addContact({ lid: '201000000000001' }); // only a LID: WhatsApp never tells the number
		fake.addContact({ phone: '628120000002', lid: '201000000000002', addressing: 'lid' });
		fake.addContact({ phone: '628120000003', lid: '201000000000003' }); // by phone until migrated
	});
	afterAll(async () => {
		await session?.dispose();
		await fake.close();
	});

	it('a LID-only contact writes from its LID, and its phone stays unknown', async () => {
		const { id } = await phone.receive({ from: '201000000000001@lid', body: 'hi' });
		const message = await nextMessage(id);
		expect(message.from).toBe('201000000000001@lid');
		expect(message.to).toBe(`9${phone.number}@lid`);
		expect(await lidAndPhone('201000000000001@lid')).toEqual([{ lid: '201000000000001@lid' }]);
		expect(fake.unknownModules).toEqual(new Set());
	});

	it('a LID-addressed contact with a phone: the page knows both, and a send to the phone lands in the LID chat', async () => {
		const { id } = await phone.receive({ from: '628120000002', body: 'hello' });
		expect((await nextMessage(id)).from).toBe('201000000000002@lid');
		expect(await lidAndPhone('201000000000002@lid')).toEqual([{ lid: '201000000000002@lid', pn: '628120000002@c.us' }]);
		expect(await lidAndPhone('628120000002@c.us')).toEqual([{ lid: '201000000000002@lid', pn: '628120000002@c.us' }]);

		const sent = await session.client.sendMessage('628120000002@c.us', 'see you');
		expect(sent.id._serialized).toMatch(/^true_201000000000002@lid_/);
		expect(phone.outbox().at(-1)).toMatchObject({ to: '201000000000002@lid', body: 'see you' });
	});

	it('a phone the page never saw: getContactLidAndPhone asks the server (queryWidExists) and learns the LID', async () => {
		fake.addContact({ phone: '628120000004', lid: '201000000000004' });
		expect(await lidAndPhone('628120000004@c.us')).toEqual([{ lid: '201000000000004@lid', pn: '628120000004@c.us' }]);
		expect(await lidAndPhone('628120000099@c.us')).toEqual([{ pn: '628120000099@c.us' }]);
	});

	it('a chat migrates from phone to LID mid-conversation; acks of earlier sends still reach the library', async () => {
		const first = await phone.receive({ from: '628120000003', body: 'before' });
		expect((await nextMessage(first.id)).from).toBe('628120000003@c.us');
		const earlier = await session.client.sendMessage('628120000003@c.us', 'sent before the migration');
		expect(earlier.id._serialized).toMatch(/^true_628120000003@c.us_/);

		await fake.migrateToLid('628120000003');
		const second = await phone.receive({ from: '628120000003', body: 'after' });
		expect((await nextMessage(second.id)).from).toBe('201000000000003@lid');

		// The earlier message is filed under the LID chat now: its receipt names the new key.
		const acked = session.log.next('message_ack', (m: Message, level: number) => m.id.id === earlier.id.id && level === 3);
		await phone.ack(earlier.id._serialized, 3);
		const [message, level] = (await acked) as [Message, number];
		expect(message.id._serialized).toBe(`true_201000000000003@lid_${earlier.id.id}`);
		expect(level).toBe(3);

		const later = await session.client.sendMessage('628120000003@c.us', 'after the migration');
		expect(later.id._serialized).toMatch(/^true_201000000000003@lid_/);
	});
});
