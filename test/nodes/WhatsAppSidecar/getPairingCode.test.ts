import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure } from './context';

describe('Session → Get Pairing Code', () => {
	const params = { resource: 'session', operation: 'getPairingCode', session: 'main', phone: ' +62 812 3456 789 ' };
	const code = { code: 'ABCD1234', phone: '628123456789', expiresAt: '2030-01-01T00:03:00.000Z', count: 1 };

	it('asks the sidecar for a code for the phone and outputs it with its expiry, for each item', async () => {
		const ctx = executeContext(params, [{ json: {} }, { json: {} }]);
		answers(ctx, code, { ...code, code: 'EFGH5678', count: 2 });
		expect(await run(ctx)).toEqual([
			{ json: { status: 'SCAN_QR', codeNeeded: true, ...code }, pairedItem: { item: 0 } },
			{ json: { status: 'SCAN_QR', codeNeeded: true, ...code, code: 'EFGH5678', count: 2 }, pairedItem: { item: 1 } },
		]);
		expect(requests(ctx)[0]).toEqual({ method: 'POST', url: `${BASE_URL}/api/sessions/main/pairing-code`, json: true, body: { phone: '+62 812 3456 789' } });
	});

	it('says "already connected" instead of failing when the session is READY', async () => {
		const ctx = executeContext(params);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(409, 'PAIRING_CODE_NOT_AVAILABLE', 'The session "main" is already linked to a phone (READY).', { status: 'READY' }),
		);
		expect(await run(ctx)).toEqual([
			{ json: { status: 'READY', codeNeeded: false, message: expect.stringMatching(/^Already connected/) }, pairedItem: { item: 0 } },
		]);
	});

	it('fails with the sidecar\'s words and code otherwise, and asks for the phone when it is empty', async () => {
		const ctx = executeContext(params);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(400, 'PAIRING_PHONE_INVALID', 'The phone number "0812" cannot be used for a pairing code: it has no country code.'),
		);
		await expect(run(ctx)).rejects.toMatchObject({
			constructor: NodeApiError,
			message: expect.stringContaining('no country code'),
			context: { code: 'PAIRING_PHONE_INVALID', itemIndex: 0 },
		});
		const empty = executeContext({ ...params, phone: '  ' });
		await expect(run(empty)).rejects.toBeInstanceOf(NodeOperationError);
		expect(empty.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});
});
