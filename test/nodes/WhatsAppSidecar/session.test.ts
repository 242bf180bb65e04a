import { NodeApiError } from 'n8n-workflow';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure } from './context';

const session = {
	id: 'main',
	status: 'READY',
	reason: null,
	detail: null,
	// The last failure stays visible after the session recovered: Get Status passes it on as it is.
	lastError: { reason: 'START_FAILED', detail: 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/', at: '2026-11-29T10:00:00.000Z' },
};

describe('Session → Get QR', () => {
	const getQr = { resource: 'session', operation: 'getQr', session: 'main' };

	it('outputs the QR as a PNG in the qr binary field, with its text and expiry', async () => {
		const ctx = executeContext(getQr);
		const png = Buffer.from('\x89PNG fake');
		answers(ctx, { raw: '2@abc', dataUrl: `data:image/png;base64,${png.toString('base64')}`, expiresAt: '2030-01-01T00:01:00.000Z', count: 1 });
		ctx.helpers.prepareBinaryData.mockImplementation(async (data, fileName, mimeType) => ({
			data: (data as Buffer).toString('base64'),
			fileName,
			mimeType: mimeType as string,
		}));

		expect(await run(ctx)).toEqual([
			{
				json: { status: 'SCAN_QR', qrNeeded: true, raw: '2@abc', expiresAt: '2030-01-01T00:01:00.000Z', count: 1 },
				binary: { qr: { data: png.toString('base64'), fileName: 'qr.png', mimeType: 'image/png' } },
				pairedItem: { item: 0 },
			},
		]);
		expect(ctx.helpers.prepareBinaryData).toHaveBeenCalledWith(png, 'qr.png', 'image/png');
		expect(requests(ctx)).toEqual([{ method: 'GET', url: `${BASE_URL}/api/sessions/main/qr`, json: true, qs: { format: 'json' } }]);
	});

	it('says "already connected" instead of failing when the session is READY', async () => {
		const ctx = executeContext(getQr);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(404, 'QR_NOT_AVAILABLE', 'There is no QR code right now (the session is READY).', { status: 'READY' }),
		);
		expect(await run(ctx)).toEqual([
			{
				json: { status: 'READY', qrNeeded: false, message: expect.stringMatching(/^Already connected/) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('fails with the sidecar\'s words when there is no QR for another reason', async () => {
		const ctx = executeContext(getQr);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(404, 'QR_NOT_AVAILABLE', 'There is no QR code right now (the session is STOPPED). Start the session to get a QR.', {
				status: 'STOPPED',
			}),
		);
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeApiError);
		await expect(result).rejects.toMatchObject({
			message: expect.stringContaining('Start the session to get a QR'),
			description: 'Sidecar error code: QR_NOT_AVAILABLE',
			context: { itemIndex: 0 },
		});
	});
});

describe('Session lifecycle', () => {
	it.each([
		['getStatus', 'GET', '/sessions/main'],
		['start', 'POST', '/sessions/main/start'],
		['stop', 'POST', '/sessions/main/stop'],
		['restart', 'POST', '/sessions/main/restart'],
		['logout', 'POST', '/sessions/main/logout'],
	])('%s calls %s %s and outputs the session', async (operation, method, path) => {
		const ctx = executeContext({ resource: 'session', operation, session: { __rl: true, mode: 'id', value: 'main' } });
		answers(ctx, session);
		expect(await run(ctx)).toEqual([{ json: session, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([{ method, url: `${BASE_URL}/api${path}`, json: true }]);
	});

	it('List outputs one item per session', async () => {
		const ctx = executeContext({ resource: 'session', operation: 'list' });
		answers(ctx, { sessions: [session, { id: 'sales', status: 'SCAN_QR' }] });
		expect(await run(ctx)).toEqual([
			{ json: session, pairedItem: { item: 0 } },
			{ json: { id: 'sales', status: 'SCAN_QR' }, pairedItem: { item: 0 } },
		]);
		expect(requests(ctx)).toEqual([{ method: 'GET', url: `${BASE_URL}/api/sessions`, json: true }]);
	});

	it('Create POSTs the id, and the config only when options are set', async () => {
		const ctx = executeContext({ resource: 'session', operation: 'create', sessionId: ' sales ' });
		answers(ctx, { id: 'sales', status: 'STARTING' });
		await run(ctx);
		expect(requests(ctx)).toEqual([{ method: 'POST', url: `${BASE_URL}/api/sessions`, json: true, body: { id: 'sales' } }]);
	});

	it('Create sends the conflict policy, the pacing and start: false', async () => {
		const ctx = executeContext({
			resource: 'session',
			operation: 'create',
			sessionId: 'sales',
			createOptions: { conflictPolicy: 'takeover', pacing: '{"warmup": {"enabled": false}}', start: false },
		});
		answers(ctx, { id: 'sales', status: 'STOPPED' });
		await run(ctx);
		expect(requests(ctx)[0].body).toEqual({
			id: 'sales',
			config: { conflictPolicy: 'takeover', pacing: { warmup: { enabled: false } } },
			start: false,
		});
	});

	it('Create sends the device name and the number to link with a pairing code', async () => {
		const ctx = executeContext({
			resource: 'session',
			operation: 'create',
			sessionId: 'sales',
			createOptions: { deviceName: ' Front desk ', pairWithPhone: '+62 812 3456 789', pacing: '' },
		});
		answers(ctx, { id: 'sales', status: 'STARTING' });
		await run(ctx);
		expect(requests(ctx)[0].body).toEqual({ id: 'sales', config: { deviceName: 'Front desk', pairWithPhone: '+62 812 3456 789' } });
	});

	it('Create refuses pacing that is not a JSON object', async () => {
		const ctx = executeContext({ resource: 'session', operation: 'create', sessionId: 'sales', createOptions: { pacing: '[1]' } });
		await expect(run(ctx)).rejects.toMatchObject({ message: '"Pacing (JSON)" is not a JSON object', context: { itemIndex: 0 } });
	});

	it('reports a missing session with the sidecar message and code', async () => {
		const ctx = executeContext({ resource: 'session', operation: 'start', session: 'nope' });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(404, 'SESSION_NOT_FOUND', 'There is no session "nope". Create it first (POST /api/sessions).'),
		);
		await expect(run(ctx)).rejects.toMatchObject({
			message: 'There is no session "nope". Create it first (POST /api/sessions).',
			description: 'Sidecar error code: SESSION_NOT_FOUND',
			httpCode: '404',
		});
	});
});

describe('Contact → Check Number', () => {
	it('GETs /api/sessions/:id/contacts/:number with the number URL-encoded', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'checkNumber', session: 'main', number: '+62 812-3456-789' });
		const answer = { input: '+62 812-3456-789', number: '628123456789', chatId: '628123456789@c.us', kind: 'user', registered: true };
		answers(ctx, answer);
		expect(await run(ctx)).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([
			{ method: 'GET', url: `${BASE_URL}/api/sessions/main/contacts/%2B62%20812-3456-789`, json: true },
		]);
	});

	it('explains a session that is not connected', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'checkNumber', session: 'main', number: '628123' });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(409, 'SESSION_NOT_READY', 'The session "main" is not connected to WhatsApp yet.'),
		);
		await expect(run(ctx)).rejects.toMatchObject({ description: 'Sidecar error code: SESSION_NOT_READY', context: { itemIndex: 0 } });
	});
});
