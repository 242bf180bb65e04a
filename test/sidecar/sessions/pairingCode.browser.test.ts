import { DEFAULT_DEVICE_NAME } from '../../../sidecar/src/sessions/SessionManager';
import { startReceiver, type Receiver } from '../../support/receiver';
import { status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

const SECRET = 'pairing-code-secret-0123';

/**
 * Linking by pairing code through the sidecar: the real library drives the fake WhatsApp Web's
 * phone-number linking, the fake phone types the codes, and the codes reach a webhook.
 */
describe('pairing code login through the sidecar', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let receiver: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar();
		await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['session.qr', 'session.pairing_code', 'session.status'], secret: SECRET });
	});
	afterAll(() => receiver.close());

	const deliveries = (session: string, type: string) => receiver.received.filter((r) => r.body.session === session && r.body.type === type);

	it('created with pairWithPhone: never a QR; a wrong or replaced code does not link, the newest does', async () => {
		const number = '15550005555';
		expect((await t.api('POST', '/api/sessions', { id: 'by-code', config: { pairWithPhone: `+${number}` } })).status).toBe(201);
		const waiting = await waitForSession(t, 'by-code', status('SCAN_QR'), 60_000, 'SCAN_QR');
		expect(waiting).toMatchObject({ reason: 'PAIRING_CODE_REQUIRED', qrAvailable: false, pairingCodeAvailable: true });

		// The code the library asked for at start, delivered like a QR would be (signed).
		await receiver.waitFor(() => deliveries('by-code', 'session.pairing_code').length === 1, 'the first code');
		const delivered = deliveries('by-code', 'session.pairing_code')[0];
		expect(receiver.verifies(delivered, SECRET)).toBe(true);
		expect(delivered.body.payload).toEqual({ code: expect.stringMatching(/^[1-9A-Z]{8}$/), phone: number, expiresAt: expect.any(String), count: 1 });
		const phone = h.fake.phone(number);
		expect(phone.linkCodeRequests).toHaveLength(1);

		await expect(h.fake.enterPairingCode('WRONG123', { phone: number })).rejects.toThrow(/WRONG_CODE/);
		// A code asked for through the API replaces the first one.
		const asked = await t.api('POST', '/api/sessions/by-code/pairing-code', { phone: number });
		expect(asked.status).toBe(200);
		expect(asked.body).toMatchObject({ phone: number, count: 2 });
		await expect(h.fake.enterPairingCode(delivered.body.payload.code, { phone: number })).rejects.toThrow(/EXPIRED_CODE/);
		expect((await t.api('GET', '/api/sessions/by-code')).body.status).toBe('SCAN_QR');

		await h.fake.enterPairingCode(asked.body.code, { phone: number });
		const ready = await waitForSession(t, 'by-code', status('READY'));
		expect(ready.account).toMatchObject({ wid: `${number}@c.us` });
		expect(ready.history.map((c: { to: string }) => c.to)).toEqual(['STARTING', 'SCAN_QR', 'AUTHENTICATED', 'READY']);
		expect(deliveries('by-code', 'session.qr')).toEqual([]);
		expect((await t.api('GET', '/api/sessions/by-code/qr')).body.error.code).toBe('QR_NOT_AVAILABLE');
		// What the phone lists under Linked devices: the product, unless the session names itself.
		expect(phone.linkedDevices).toEqual([expect.objectContaining({ os: DEFAULT_DEVICE_NAME, via: 'code' })]);
		expect([...h.fake.unknownModules]).toEqual([]);
		// The library asks for the first code without awaiting it: nothing of that may go unhandled.
		expect(t.logs.filter((line) => /unhandled/i.test(line))).toEqual([]);
	});

	it('a QR session links with a code asked for through the API; once READY, asking again is refused and WhatsApp is not asked', async () => {
		const number = '15550006666';
		await t.api('POST', '/api/sessions', { id: 'by-api', config: { deviceName: 'Reception' } });
		await waitForSession(t, 'by-api', status('SCAN_QR'), 60_000, 'SCAN_QR');
		const asked = await t.api('POST', '/api/sessions/by-api/pairing-code', { phone: `+1 555 000 6666` });
		expect(asked.status).toBe(200);
		await receiver.waitFor(() => deliveries('by-api', 'session.pairing_code').length === 1, 'the code event');
		expect(deliveries('by-api', 'session.pairing_code')[0].body.payload).toEqual(asked.body);

		const phone = await h.fake.enterPairingCode(asked.body.code, { phone: number });
		await waitForSession(t, 'by-api', status('READY'));
		await phone.waitUntilListening();
		expect(phone.linkedDevices).toEqual([expect.objectContaining({ os: 'Reception', via: 'code' })]);

		const refused = await t.api('POST', '/api/sessions/by-api/pairing-code', { phone: number });
		expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([409, 'PAIRING_CODE_NOT_AVAILABLE', { status: 'READY' }]);
		// The fake unlinks a page asked for a code while linked: had the sidecar asked, the phone would have lost it.
		expect(phone.linkCodeRequests).toHaveLength(1);
		expect(phone.unpairings).toEqual([]);
		expect((await t.api('GET', '/api/sessions/by-api')).body.status).toBe('READY');
		expect(phone.status()).toMatchObject({ phone: number, state: 'CONNECTED' });
	});
});
