import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import { pollUntil } from '../support/poll';
import { createBareSession, makeDataPath, type BareSession } from './support/bareClient';

/** Short enough to wait out, long enough for a loaded machine to type the code in time. */
const CODE_LIFETIME_MS = 5_000;

/**
 * Linking by phone number against the fake, with the bare library: Client.requestPairingCode
 * drives WAWebAltDeviceLinkingApi, the fake "phone" types the code, and only the newest,
 * unexpired code links.
 */
describe('pairing code login against the fake WhatsApp Web', () => {
	let fake: FakeWhatsAppWeb;
	const sessions: BareSession[] = [];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start({ linkCodeLifetimeMs: CODE_LIFETIME_MS });
	});
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map((s) => s.dispose()));
	});
	afterAll(async () => {
		await fake?.close();
	});

	async function waitingForLogin(label: string): Promise<BareSession> {
		const session = createBareSession(fake, { clientId: label, dataPath: makeDataPath(label) });
		sessions.push(session);
		session.log.attach(session.client, ['code']);
		await session.initialize();
		await session.log.next('qr');
		return session;
	}

	it('gives a code, refuses a wrong one and one a newer code replaced, and links with the newest', async () => {
		const session = await waitingForLogin('code');
		const number = '15550002222';
		const first = await session.client.requestPairingCode(number);
		expect(first).toMatch(/^[1-9A-HJ-NP-TV-Z]{8}$/);
		expect((await session.log.next('code'))[0]).toBe(first);
		expect(fake.phone(number).linkCodeRequests).toEqual([{ showNotification: true, at: expect.any(Number) }]);

		await expect(fake.enterPairingCode('AAAABBBB', { phone: number })).rejects.toThrow(/WRONG_CODE/);
		const second = await session.client.requestPairingCode(number);
		expect(second).not.toBe(first);
		await expect(fake.enterPairingCode(first, { phone: number })).rejects.toThrow(/EXPIRED_CODE/);
		await expect(fake.enterPairingCode(second, { phone: '15550009999' })).rejects.toThrow(/no page waits/);
		expect(session.log.names()).not.toContain('authenticated');

		// Typed as the phone shows it: ABCD-EFGH.
		const phone = await fake.enterPairingCode(`${second.slice(0, 4)}-${second.slice(4)}`, { phone: number, pushname: 'Desk' });
		await session.log.next('ready');
		expect(session.client.info.wid._serialized).toBe(`${number}@c.us`);
		expect(phone.linkedDevices).toEqual([expect.objectContaining({ via: 'code', name: 'Chrome' })]);
		expect([...fake.unknownModules]).toEqual([]);
	});

	it('refuses a code typed after its lifetime', async () => {
		const session = await waitingForLogin('expiry');
		const number = '15550003333';
		const code = await session.client.requestPairingCode(number);
		const issuedAt = Date.now();
		await pollUntil(() => Date.now(), (now) => now > issuedAt + CODE_LIFETIME_MS + 100, { what: 'the code to expire', timeoutMs: 10_000 });
		await expect(fake.enterPairingCode(code, { phone: number })).rejects.toThrow(/EXPIRED_CODE/);
		const fresh = await session.client.requestPairingCode(number);
		await fake.enterPairingCode(fresh, { phone: number });
		await session.log.next('ready');
	});

	it('unlinks a linked device when a code is asked for on it (what the sidecar must prevent)', async () => {
		const session = await waitingForLogin('linked');
		const [qr] = session.log.all('qr')[0].args as [string];
		const phone = await fake.scan(qr, { phone: '15550004444' });
		await session.log.next('ready');
		await session.client.requestPairingCode('15550004444').catch(() => undefined);
		expect((await session.log.next('disconnected'))[0]).toBe('UNPAIRED');
		await pollUntil(() => phone.unpairings.length, (n) => n === 1, { what: 'the phone to lose the device' });
	});
});
