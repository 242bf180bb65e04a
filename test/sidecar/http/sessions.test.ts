import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

describe('sessions API (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_MAX_SESSIONS: '3' } });
	});
	afterAll(() => t.stop());

	it('creates and starts a session, shows its QR as JSON or PNG, then READY', async () => {
		const created = await t.api('POST', '/api/sessions', { id: 'clinic' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ id: 'clinic', status: 'STARTING', desired: 'running', profileSizeBytes: 0 });

		const none = await t.api('GET', '/api/sessions/clinic/qr');
		expect(none.status).toBe(404);
		expect(none.body.error).toMatchObject({ code: 'QR_NOT_AVAILABLE', details: { status: 'STARTING' } });

		engines.latest().emit({ type: 'qr', qr: '2@abc,def,ghi,jkl,WEB' });
		let qr = await t.api('GET', '/api/sessions/clinic/qr');
		for (let i = 0; i < 50 && qr.status === 404; i++) qr = await t.api('GET', '/api/sessions/clinic/qr');
		expect(qr.status).toBe(200);
		expect(qr.body).toMatchObject({ raw: '2@abc,def,ghi,jkl,WEB', count: 1, dataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
		const png = await t.api('GET', '/api/sessions/clinic/qr', undefined, { accept: 'image/png' });
		expect(png.contentType).toBe('image/png');
		expect(png.raw.subarray(1, 4).toString()).toBe('PNG');
		expect((await t.api('GET', '/api/sessions/clinic/qr?format=png')).contentType).toBe('image/png');

		engines.latest().emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		const ready = await t.api('GET', '/api/sessions/clinic');
		expect(ready.body).toMatchObject({ status: 'READY', account: { wid: '15550001111@c.us' } });
		const stillReady = await t.api('GET', '/api/sessions/clinic/qr');
		expect(stillReady.body.error.message).toMatch(/already logged in/);
		expect((await t.api('GET', '/api/sessions')).body.sessions.map((s: { id: string }) => s.id)).toEqual(['clinic']);
	});

	it('refuses what it must, with the documented codes', async () => {
		expect((await t.api('POST', '/api/sessions', { id: 'clinic' })).body.error.code).toBe('SESSION_EXISTS');
		for (const id of ['../etc', 'with space', 'x'.repeat(65), '']) {
			const response = await t.api('POST', '/api/sessions', { id, start: false });
			expect([response.status, response.body.error.code]).toEqual([400, 'SESSION_ID_INVALID']);
		}
		const traversal = await t.api('GET', `/api/sessions/${encodeURIComponent('..%2f..')}`);
		expect(traversal.body.error.code).toBe('SESSION_ID_INVALID');
		expect((await t.api('GET', '/api/sessions/nobody')).body.error.code).toBe('SESSION_NOT_FOUND');

		const malformed = await t.api('POST', '/api/sessions', '{"id": ');
		expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INVALID_JSON']);
		const wrongShape = await t.api('POST', '/api/sessions', { id: 42, colour: 'blue' });
		expect([wrongShape.status, wrongShape.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		expect(wrongShape.body.error.details.problems.map((p: { field: string }) => p.field).sort()).toEqual(['(body)', 'id']);
		const badPolicy = await t.api('POST', '/api/sessions', { id: 'p', config: { conflictPolicy: 'fight' } });
		expect(badPolicy.body.error.details.problems[0].field).toBe('config.conflictPolicy');

		expect((await t.api('GET', '/api/sessions', undefined, { 'x-api-key': '' })).body.error.code).toBe('API_KEY_MISSING');
		expect((await t.api('GET', '/api/sessions', undefined, { 'x-api-key': 'wrong-key-wrong-key' })).status).toBe(401);
		expect((await t.api('GET', '/metrics', undefined, { 'x-api-key': 'wrong' })).status).toBe(401);
	});

	it('stops creating sessions at the limit with 429 SESSION_LIMIT_REACHED', async () => {
		await t.api('POST', '/api/sessions', { id: 'two', start: false });
		await t.api('POST', '/api/sessions', { id: 'three', start: false });
		const over = await t.api('POST', '/api/sessions', { id: 'four', start: false });
		expect([over.status, over.body.error.code]).toEqual([429, 'SESSION_LIMIT_REACHED']);
		expect((await t.api('DELETE', '/api/sessions/three')).body).toEqual({ id: 'three', deleted: true });
		expect((await t.api('POST', '/api/sessions', { id: 'four', start: false })).status).toBe(201);
	});

	it('stop, start, restart and logout answer with the session', async () => {
		expect((await t.api('POST', '/api/sessions/clinic/stop')).body).toMatchObject({ status: 'STOPPED', desired: 'stopped' });
		expect((await t.api('POST', '/api/sessions/clinic/start')).body).toMatchObject({ status: 'STARTING' });
		engines.latest().emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		expect((await t.api('POST', '/api/sessions/clinic/restart')).body).toMatchObject({ status: 'STARTING' });
		engines.latest().emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		const screenshot = await t.api('GET', '/api/sessions/clinic/screenshot');
		expect(screenshot.contentType).toBe('image/png');
		const out = await t.api('POST', '/api/sessions/clinic/logout');
		expect(out.body).toMatchObject({ status: 'LOGGED_OUT', account: null });
		expect((await t.api('GET', '/api/sessions/clinic/screenshot')).body.error.code).toBe('SESSION_NOT_RUNNING');
	});

	it('exposes Prometheus metrics with sessions by status', async () => {
		const metrics = await t.api('GET', '/metrics');
		expect(metrics.status).toBe(200);
		const text = metrics.raw.toString();
		expect(text).toMatch(/whatsapp_sidecar_sessions\{status="LOGGED_OUT"\} 1/);
		expect(text).toMatch(/whatsapp_sidecar_sessions\{status="STOPPED"\} 2/);
		expect(text).toMatch(/whatsapp_sidecar_browser_processes 0/);
		expect(text).toMatch(/whatsapp_sidecar_process_resident_memory_bytes/);
	});
});
