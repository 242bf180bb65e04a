import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { createBareSession, makeDataPath, type BareSession } from './support/bareClient';

describe('first login against the fake WhatsApp Web', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
	});
	afterAll(async () => {
		await session?.dispose();
		await fake?.close();
	});

	it('goes qr → (scan) → authenticated → ready, and reports who is logged in', async () => {
		session = createBareSession(fake, { clientId: 'login', dataPath: makeDataPath('login') });
		await session.initialize();
		const [qr] = (await session.log.next('qr')) as [string];
		expect(qr.split(',')).toHaveLength(5);

		const phone = await fake.scan(qr, { phone: '15550001111', pushname: 'Clinic' });
		await session.log.next('authenticated');
		await session.log.next('ready');

		expect(session.client.info.wid._serialized).toBe('15550001111@c.us');
		expect(session.client.info.pushname).toBe('Clinic');
		expect(await session.client.getState()).toBe('CONNECTED');
		// The page reports its status asynchronously: wait for it rather than read it at once.
		await phone.waitUntilListening(10_000);
		expect(session.log.names().filter((n) => n !== 'qr')).toEqual(['authenticated', 'ready']);
		expect([...fake.unknownModules]).toEqual([]);
	});
});
