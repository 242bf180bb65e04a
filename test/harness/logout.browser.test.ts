import fs from 'fs';
import { useHarness } from './support/useHarness';

describe('logging out', () => {
	const harness = useHarness();

	it('client.logout() unlinks the phone and wipes the LocalAuth folder', async () => {
		const { session, phone } = await harness.paired('logout-api');
		expect(fs.existsSync(session.profileDir)).toBe(true);

		await session.client.logout();
		expect(fs.existsSync(session.profileDir)).toBe(false);
		expect(phone.unpairings.map((u) => u.reason)).toEqual(['api']);

		// Starting again on the same folder asks for a new QR.
		const again = harness.bare(session);
		await again.initialize();
		await again.log.next('qr');
	});

	it('a logout on the phone gives disconnected LOGOUT, then a new QR that can be scanned again', async () => {
		const { session, phone } = await harness.paired('logout-phone');
		await phone.phoneLogout();

		const [reason] = await session.log.next('disconnected');
		expect(reason).toBe('LOGOUT');
		const [qr] = (await session.log.next('qr')) as [string];
		expect(phone.unpairings.map((u) => u.reason)).toEqual(['phone']);

		// The library stays in the same browser and page; pairing again brings it back.
		const again = await harness.fake.scan(qr, { phone: phone.number });
		expect(again).toBe(phone);
		await session.log.next('ready');
		const { id } = await phone.receive({ from: '628123', body: 'back again' });
		await session.log.next('message', (m: { id: { _serialized: string } }) => m.id._serialized === id);
	});
});
