import type { DomainEventOf } from '../../../sidecar/src/events/domainEvents';
import { PAIRING_CODES_MAX } from '../../../sidecar/src/sessions/Session';
import { makeSession, settle, until } from './sessionHarness';

/** Linking by pairing code in the session's state machine (scripted engines). */
describe('Session pairing codes', () => {
	const sessions: Array<ReturnType<typeof makeSession>['session']> = [];
	// A READY session keeps its watchdog and healthy-reset timers (real ones here) until it is closed.
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map((session) => session.close()));
	});

	function pairingSession(config = {}) {
		const made = makeSession({}, { config });
		sessions.push(made.session);
		const codes: Array<DomainEventOf<'session.pairingCode'>> = [];
		made.events.on('session.pairingCode', (e) => void codes.push(e));
		return { ...made, codes };
	}

	it('with pairWithPhone: the first code means SCAN_QR (PAIRING_CODE_REQUIRED), for that number, and no QR is involved', async () => {
		const { session, engines, codes } = pairingSession({ pairWithPhone: '15550002222' });
		await session.start();
		engines.latest().emit({ type: 'pairingCode', code: 'ABCD1234' });
		await until(session, 'SCAN_QR');
		expect(session.view()).toMatchObject({ reason: 'PAIRING_CODE_REQUIRED', qrAvailable: false, pairingCodeAvailable: true });
		expect(codes.map((e) => e.pairing)).toEqual([{ code: 'ABCD1234', phone: '15550002222', expiresAt: expect.any(String), count: 1 }]);

		engines.latest().emit({ type: 'ready', account: { wid: '15550002222@c.us' } });
		expect(session.view()).toMatchObject({ status: 'READY', pairingCodeAvailable: false });
	});

	it(`stops with PAIRING_CODE_TIMEOUT when WhatsApp renewed the code ${PAIRING_CODES_MAX} times and nobody typed one`, async () => {
		const { session, engines, codes } = pairingSession({ pairWithPhone: '15550002222' });
		await session.start();
		for (let i = 1; i <= PAIRING_CODES_MAX; i++) engines.latest().emit({ type: 'pairingCode', code: `CODE${i}` });
		await settle();
		expect(session.currentStatus()).toBe('SCAN_QR');
		engines.latest().emit({ type: 'pairingCode', code: 'ONEMORE' });
		await until(session, 'STOPPED');
		expect(session.view()).toMatchObject({ reason: 'PAIRING_CODE_TIMEOUT', desired: 'stopped' });
		expect(engines.latest().stopped).toBe(true);
		expect(codes).toHaveLength(PAIRING_CODES_MAX);
	});

	it('a code asked for through the API starts the count again', async () => {
		const { session, engines } = pairingSession({ pairWithPhone: '15550002222' });
		await session.start();
		for (let i = 1; i <= PAIRING_CODES_MAX; i++) engines.latest().emit({ type: 'pairingCode', code: `CODE${i}` });
		await session.requestPairingCode('15550002222');
		for (let i = 1; i <= PAIRING_CODES_MAX; i++) engines.latest().emit({ type: 'pairingCode', code: `LATER${i}` });
		await settle();
		expect(session.currentStatus()).toBe('SCAN_QR');
	});

	it('a QR-mode session asked for a code does not stop on its unscanned QRs (someone is typing a code)', async () => {
		const { session, engines } = pairingSession();
		await session.start();
		engines.latest().emit({ type: 'qr', qr: 'ref0,a,b,c,d' });
		await until(session, 'SCAN_QR');
		const code = await session.requestPairingCode('15550002222');
		expect(code).toMatchObject({ code: 'CODE0001', phone: '15550002222', count: 1 });
		// makeSession allows 3 unscanned QRs.
		for (let i = 1; i <= 5; i++) engines.latest().emit({ type: 'qr', qr: `ref${i},a,b,c,d` });
		await settle();
		expect(session.currentStatus()).toBe('SCAN_QR');
	});
});
