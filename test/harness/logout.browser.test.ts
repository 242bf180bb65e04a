import fs from 'fs';
import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { createBareSession, type BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

describe('logging out', () => {
	let fake: FakeWhatsAppWeb;
	const sessions: BareSession[] = [];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
	});
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map((s) => s.dispose()));
	});
	afterAll(async () => {
		await fake.close();
	});

	it('client.logout() unlinks the phone and wipes the LocalAuth folder', async () => {
		const { session, phone } = await pairedSession(fake, 'logout-api');
		sessions.push(session);
		expect(fs.existsSync(session.profileDir)).toBe(true);

		await session.client.logout();
		expect(fs.existsSync(session.profileDir)).toBe(false);
		expect(phone.unpairings.map((u) => u.reason)).toEqual(['api']);

		// Starting again on the same folder asks for a new QR.
		const again = createBareSession(fake, { clientId: session.clientId, dataPath: session.dataPath });
		sessions.push(again);
		await again.initialize();
		await again.log.next('qr');
	});

	it('a logout on the phone gives disconnected LOGOUT, then a new QR that can be scanned again', async () => {
		const { session, phone } = await pairedSession(fake, 'logout-phone');
		sessions.push(session);
		await phone.phoneLogout();

		const [reason] = await session.log.next('disconnected');
		expect(reason).toBe('LOGOUT');
		const [qr] = (await session.log.next('qr')) as [string];
		expect(phone.unpairings.map((u) => u.reason)).toEqual(['phone']);

		// The library stays in the same browser and page; pairing again brings it back.
		const again = await fake.scan(qr, { phone: phone.number });
		expect(again).toBe(phone);
		await session.log.next('ready');
		const { id } = await phone.receive({ from: '628123', body: 'back again' });
		await session.log.next('message', (m: { id: { _serialized: string } }) => m.id._serialized === id);
	});
});
