import type { EventEnvelope } from '../../../sidecar/src/contract';
import { PAIRING_CODE_INTERVAL_MS } from '../../../sidecar/src/sessions/engine/Engine';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/** POST /api/sessions/:id/pairing-code with a scripted engine: what it takes, refuses and announces. */
describe('POST /api/sessions/:id/pairing-code (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	const published: EventEnvelope[] = [];

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory });
		t.sidecar.bus.subscribe((event) => published.push(event));
	});
	afterAll(() => t.stop());

	const ask = (id: string, body: unknown) => t.api('POST', `/api/sessions/${id}/pairing-code`, body);

	/** A session whose page shows a QR (SCAN_QR), i.e. waits for a login. */
	async function waitingForLogin(id: string) {
		await t.api('POST', '/api/sessions', { id });
		engines.latest().emit({ type: 'qr', qr: `2@${id},a,b,c,WEB` });
		await pollUntil(() => t.api('GET', `/api/sessions/${id}`), (r) => r.body.status === 'SCAN_QR', { what: `${id} SCAN_QR` });
		return engines.latest();
	}

	it('gives a code for a number with its country code, and announces it as session.pairing_code', async () => {
		const engine = await waitingForLogin('desk');
		const before = Date.now();
		const answer = await ask('desk', { phone: '+62 812-3456-789' });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ code: 'CODE0001', phone: '628123456789', expiresAt: expect.any(String), count: 1 });
		const expiresIn = Date.parse(answer.body.expiresAt) - before;
		expect(expiresIn).toBeGreaterThanOrEqual(PAIRING_CODE_INTERVAL_MS - 1000);
		expect(expiresIn).toBeLessThanOrEqual(PAIRING_CODE_INTERVAL_MS + 5000);
		expect(engine.pairingRequests).toEqual(['628123456789']);

		// Reported once, although the library gives it twice (its `code` event and the answer).
		const announced = published.filter((e) => e.type === 'session.pairing_code');
		expect(announced).toEqual([expect.objectContaining({ session: 'desk', payload: answer.body })]);
		const view = (await t.api('GET', '/api/sessions/desk')).body;
		expect(view).toMatchObject({ status: 'SCAN_QR', pairingCodeAvailable: true });

		const again = await ask('desk', { phone: '628123456789' });
		expect(again.body).toMatchObject({ code: 'CODE0002', count: 2 });
	});

	it('refuses a phone that is not a number with its country code, naming what is wrong', async () => {
		await waitingForLogin('typo');
		const refused = async (body: unknown) => {
			const answer = await ask('typo', body);
			expect(answer.status).toBe(400);
			return answer.body.error;
		};
		expect(await refused({})).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('phone') });
		expect(await refused({ phone: '628123456789', extra: 1 })).toMatchObject({ code: 'VALIDATION_FAILED' });
		expect(await refused({ phone: 628123456789 })).toMatchObject({ code: 'VALIDATION_FAILED' });
		expect(await refused({ phone: 'call me' })).toMatchObject({ code: 'PAIRING_PHONE_INVALID', message: expect.stringContaining('only digits') });
		expect(await refused({ phone: '0812 3456 789' })).toMatchObject({ code: 'PAIRING_PHONE_INVALID', message: expect.stringContaining('country code') });
		expect(await refused({ phone: '+1 555' })).toMatchObject({ code: 'PAIRING_PHONE_INVALID', message: expect.stringContaining('8 to 15 digits') });
		expect(await refused({ phone: '1234567890123456' })).toMatchObject({ code: 'PAIRING_PHONE_INVALID' });
		expect(await refused({ phone: '  ' })).toMatchObject({ code: 'PAIRING_PHONE_INVALID', message: expect.stringContaining('empty') });
		expect(engines.latest().pairingRequests).toEqual([]);
	});

	it('refuses a READY session without asking WhatsApp (a code could unlink it), and one not waiting for a login', async () => {
		const engine = await waitingForLogin('linked');
		engine.emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		const ready = await ask('linked', { phone: '15550001111' });
		expect([ready.status, ready.body.error.code, ready.body.error.details]).toEqual([409, 'PAIRING_CODE_NOT_AVAILABLE', { status: 'READY' }]);
		expect(ready.body.error.message).toMatch(/already linked.*could unlink it/);
		expect(engine.pairingRequests).toEqual([]);

		await t.api('POST', '/api/sessions/linked/stop');
		const stopped = await ask('linked', { phone: '15550001111' });
		expect([stopped.status, stopped.body.error.details]).toEqual([409, { status: 'STOPPED' }]);
		expect(stopped.body.error.message).toMatch(/Start it/);

		// Starting, before its page asked for a login.
		await t.api('POST', '/api/sessions/linked/start');
		const starting = await ask('linked', { phone: '15550001111' });
		expect([starting.status, starting.body.error.details]).toEqual([409, { status: 'STARTING' }]);
		expect(engines.latest().pairingRequests).toEqual([]);

		expect((await ask('nobody', { phone: '15550001111' })).body.error.code).toBe('SESSION_NOT_FOUND');
	});

	it('says PAIRING_CODE_FAILED, with WhatsApp Web\'s words, when the page gives no code', async () => {
		const engine = await waitingForLogin('refused');
		engine.pairingCodeWith = { reject: 'Evaluation failed: bad-request' };
		const failed = await ask('refused', { phone: '15550001111' });
		expect([failed.status, failed.body.error.code]).toEqual([422, 'PAIRING_CODE_FAILED']);
		expect(failed.body.error.message).toContain('bad-request');
		expect((await t.api('GET', '/api/sessions/refused')).body).toMatchObject({ status: 'SCAN_QR', pairingCodeAvailable: false });
	});
});
