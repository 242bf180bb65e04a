import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { polling } from '../../../nodes/WhatsAppSidecar/actions/message/waitUntilSent';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure, type Params } from './context';

const sendText: Params = { resource: 'message', operation: 'sendText', session: 'main', to: '+62 812 3456 789', text: 'Hello' };
const queued = { jobId: 'j1', status: 'queued', duplicate: false };

describe('Message → Send Text', () => {
	it('POSTs the text to the session with a derived idempotency key, the item id as reference and the bulk lane', async () => {
		const ctx = executeContext(sendText, [{ json: { id: 42, name: 'Ann' } }, { json: { name: 'Bob' } }]);
		answers(ctx, queued, { ...queued, jobId: 'j2' });

		const items = await run(ctx);

		expect(items).toEqual([
			{ json: queued, pairedItem: { item: 0 } },
			{ json: { ...queued, jobId: 'j2' }, pairedItem: { item: 1 } },
		]);
		expect(requests(ctx)).toEqual([
			{
				method: 'POST',
				url: `${BASE_URL}/api/sessions/main/messages`,
				json: true,
				body: {
					to: '+62 812 3456 789',
					text: 'Hello',
					idempotencyKey: 'wf1:exec7:node-1:0:0:sendText',
					lane: 'bulk',
					reference: 42,
				},
			},
			{
				method: 'POST',
				url: `${BASE_URL}/api/sessions/main/messages`,
				json: true,
				body: { to: '+62 812 3456 789', text: 'Hello', idempotencyKey: 'wf1:exec7:node-1:0:1:sendText', lane: 'bulk' },
			},
		]);
	});

	it('gives every run of the node its own key (a loop sends each time, a retry of the same run does not)', async () => {
		const ctx = executeContext(sendText);
		ctx.getWorkflowDataProxy.mockReturnValue({ $thisRunIndex: 3 } as never);
		answers(ctx, queued);
		await run(ctx);
		expect(requests(ctx)[0].body).toMatchObject({ idempotencyKey: 'wf1:exec7:node-1:3:0:sendText' });
	});

	it('sends the options: JSON reference, own key, send time in the workflow time zone, reply lane, number check', async () => {
		const ctx = executeContext(
			{
				...sendText,
				session: { __rl: true, mode: 'list', value: 'sales team' },
				options: {
					reference: ' {"appointmentId": 42} ',
					idempotencyKey: 'appt-42-reminder',
					sendAt: '2030-01-02T09:00:00',
					lane: 'reply',
					checkNumber: true,
				},
			},
			[{ json: { id: 'ignored: a reference was given' } }],
		);
		answers(ctx, queued);
		await run(ctx);
		expect(requests(ctx)[0]).toMatchObject({
			url: `${BASE_URL}/api/sessions/sales%20team/messages`,
			body: {
				to: '+62 812 3456 789',
				text: 'Hello',
				reference: { appointmentId: 42 },
				idempotencyKey: 'appt-42-reminder',
				sendAt: '2030-01-02T02:00:00.000Z', // 09:00 in Jakarta (UTC+7)
				lane: 'reply',
				checkNumber: true,
			},
		});
	});

	it.each([
		['A-42', 'A-42'],
		// Text stays text, exactly as given: digits from an expression are not turned into a number.
		['42', '42'],
		['0812', '0812'],
		['"42"', '"42"'],
		['[1, 2]', [1, 2]],
		['{not json', '{not json'],
	])('reads the reference %p as %p', async (typed, sent) => {
		const ctx = executeContext({ ...sendText, options: { reference: typed } });
		answers(ctx, queued);
		await run(ctx);
		expect(requests(ctx)[0].body).toMatchObject({ reference: sent });
	});

	it('keeps a send time that has its own offset', async () => {
		const ctx = executeContext({ ...sendText, options: { sendAt: '2030-01-02T09:00:00+02:00' } });
		answers(ctx, queued);
		await run(ctx);
		expect(requests(ctx)[0].body).toMatchObject({ sendAt: '2030-01-02T07:00:00.000Z' });
	});

	// An expression like {{ $json.body.phone }} on an item without it: the node used to send the text "undefined".
	it.each([undefined, null, '', '   ', 'undefined', 'null'])('refuses an empty To (%p) without calling the sidecar', async (to) => {
		const ctx = executeContext({ ...sendText, to: () => to });
		await expect(run(ctx)).rejects.toMatchObject({ message: 'Enter who gets the message in "To"', context: { itemIndex: 0 } });
		expect(requests(ctx)).toEqual([]);
	});

	it('refuses a send time that is not a date, naming the item, without calling the sidecar', async () => {
		const ctx = executeContext({ ...sendText, options: { sendAt: 'tomorrow-ish' } });
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeOperationError);
		await expect(result).rejects.toMatchObject({ context: { itemIndex: 0 } });
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	it("turns the sidecar's coded error into a NodeApiError on the item that failed", async () => {
		const ctx = executeContext(sendText, [{ json: {} }, { json: {} }]);
		ctx.helpers.httpRequestWithAuthentication
			.mockResolvedValueOnce(queued)
			.mockRejectedValueOnce(sidecarFailure(400, 'RECIPIENT_INVALID', '"x" is not a WhatsApp number or chat id'));
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeApiError);
		await expect(result).rejects.toMatchObject({
			message: '"x" is not a WhatsApp number or chat id',
			description: 'Sidecar error code: RECIPIENT_INVALID',
			context: { itemIndex: 1 },
		});
	});

	it('with Continue On Fail, outputs the error on its item and sends the others', async () => {
		const ctx = executeContext(sendText, [{ json: {} }, { json: {} }]);
		ctx.continueOnFail.mockReturnValue(true);
		ctx.helpers.httpRequestWithAuthentication
			.mockRejectedValueOnce(sidecarFailure(404, 'SESSION_NOT_FOUND', 'There is no session "main".'))
			.mockResolvedValueOnce(queued);
		expect(await run(ctx)).toEqual([
			{
				json: {
					error: { code: 'SESSION_NOT_FOUND', message: 'There is no session "main".', description: 'Sidecar error code: SESSION_NOT_FOUND', httpCode: '404' },
				},
				pairedItem: { item: 0 },
			},
			{ json: queued, pairedItem: { item: 1 } },
		]);
	});

	it('asks for a session when none is chosen', async () => {
		const ctx = executeContext({ ...sendText, session: '' });
		await expect(run(ctx)).rejects.toMatchObject({ message: 'No session chosen', context: { itemIndex: 0 } });
	});
});

describe('Message → Send Media', () => {
	const sendMedia: Params = { resource: 'message', operation: 'sendMedia', session: 'main', to: '628123456789' };

	it('sends an input binary field as base64 with its MIME type and file name, and the caption', async () => {
		const ctx = executeContext({ ...sendMedia, mediaSource: 'binary', binaryPropertyName: 'photo', caption: 'Your invoice' });
		ctx.helpers.assertBinaryData.mockReturnValue({ data: '', mimeType: 'image/png', fileName: 'cat.png' });
		ctx.helpers.getBinaryDataBuffer.mockResolvedValue(Buffer.from('png bytes'));
		answers(ctx, queued);

		await run(ctx);

		expect(ctx.helpers.getBinaryDataBuffer).toHaveBeenCalledWith(0, 'photo');
		expect(requests(ctx)[0]).toMatchObject({
			method: 'POST',
			url: `${BASE_URL}/api/sessions/main/messages`,
			body: {
				to: '628123456789',
				media: { base64: Buffer.from('png bytes').toString('base64'), mimetype: 'image/png', filename: 'cat.png' },
				caption: 'Your invoice',
				idempotencyKey: 'wf1:exec7:node-1:0:0:sendMedia',
			},
		});
		expect(requests(ctx)[0].body).not.toHaveProperty('text');
	});

	it('sends a URL, with the file name given', async () => {
		const ctx = executeContext({ ...sendMedia, mediaSource: 'url', mediaUrl: 'https://example.com/a.pdf', fileName: 'Invoice.pdf' });
		answers(ctx, queued);
		await run(ctx);
		const body = requests(ctx)[0].body as Record<string, unknown>;
		expect(body.media).toEqual({ url: 'https://example.com/a.pdf', filename: 'Invoice.pdf' });
		expect(body).not.toHaveProperty('caption');
	});

	it('sends base64 text with its MIME type', async () => {
		const ctx = executeContext({ ...sendMedia, mediaSource: 'base64', base64Data: 'aGVsbG8=', mimeType: 'application/pdf' });
		answers(ctx, queued);
		await run(ctx);
		expect((requests(ctx)[0].body as Record<string, unknown>).media).toEqual({ base64: 'aGVsbG8=', mimetype: 'application/pdf' });
	});
});

describe('Message → Get Status', () => {
	const job = { jobId: 'j1', status: 'delivered', reference: { appointmentId: 42 } };

	it('by job ID: GET /api/messages/:jobId', async () => {
		const ctx = executeContext({ resource: 'message', operation: 'getStatus', findBy: 'jobId', jobId: 'j/1' });
		answers(ctx, job);
		expect(await run(ctx)).toEqual([{ json: job, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([{ method: 'GET', url: `${BASE_URL}/api/messages/j%2F1`, json: true }]);
	});

	it('by reference: GET /api/messages?reference=<JSON>, one item per job', async () => {
		const ctx = executeContext({ resource: 'message', operation: 'getStatus', findBy: 'reference', reference: '{"appointmentId":42}' });
		answers(ctx, { jobs: [job, { ...job, jobId: 'j2', status: 'read' }] });
		expect(await run(ctx)).toEqual([
			{ json: job, pairedItem: { item: 0 } },
			{ json: { ...job, jobId: 'j2', status: 'read' }, pairedItem: { item: 0 } },
		]);
		expect(requests(ctx)).toEqual([
			{ method: 'GET', url: `${BASE_URL}/api/messages`, json: true, qs: { reference: '{"appointmentId":42}' } },
		]);
	});

	it('by a text reference: sent as the text itself (the sidecar matches it as text, or as the number it spells)', async () => {
		const ctx = executeContext({ resource: 'message', operation: 'getStatus', findBy: 'reference', reference: 'A-42' });
		answers(ctx, { jobs: [] });
		expect(await run(ctx)).toEqual([]);
		expect(requests(ctx)[0].qs).toEqual({ reference: 'A-42' });
	});
});

describe('Wait Until Sent', () => {
	const waiting: Params = { ...sendText, options: { waitUntilSent: true } };
	const interval = polling.intervalMs;
	beforeAll(() => (polling.intervalMs = 1));
	afterAll(() => (polling.intervalMs = interval));

	it('polls the job until it is sent, then outputs it', async () => {
		const ctx = executeContext(waiting);
		answers(ctx, queued, { jobId: 'j1', status: 'sending' }, { jobId: 'j1', status: 'sent', ack: 0 });
		expect(await run(ctx)).toEqual([
			{ json: { jobId: 'j1', status: 'sent', ack: 0, duplicate: false }, pairedItem: { item: 0 } },
		]);
		expect(requests(ctx).map((r) => `${r.method} ${r.url}`)).toEqual([
			`POST ${BASE_URL}/api/sessions/main/messages`,
			`GET ${BASE_URL}/api/messages/j1`,
			`GET ${BASE_URL}/api/messages/j1`,
		]);
	});

	it('does not poll a job that is already sent (a repeated idempotency key)', async () => {
		const ctx = executeContext(waiting);
		answers(ctx, { jobId: 'j1', status: 'delivered', duplicate: true });
		expect(await run(ctx)).toEqual([{ json: { jobId: 'j1', status: 'delivered', duplicate: true }, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toHaveLength(1);
	});

	it("fails with the job's error when the message fails", async () => {
		const ctx = executeContext(waiting);
		answers(ctx, queued, {
			jobId: 'j1',
			status: 'failed',
			error: { code: 'NOT_ON_WHATSAPP', message: 'The number 628123 is not on WhatsApp, so the message was not sent.' },
		});
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeOperationError);
		await expect(result).rejects.toMatchObject({
			message: 'The message was not sent: The number 628123 is not on WhatsApp, so the message was not sent.',
			description: 'Job j1 is failed (sidecar error code: NOT_ON_WHATSAPP).',
			context: { itemIndex: 0 },
		});
	});

	it('explains an uncertain job', async () => {
		const ctx = executeContext(waiting);
		answers(ctx, { jobId: 'j1', status: 'uncertain' });
		await expect(run(ctx)).rejects.toMatchObject({ message: expect.stringContaining('cannot tell whether WhatsApp got the message') });
	});

	it('fails at once, with OPTED_OUT, for a bulk message skipped because its contact opted out', async () => {
		const ctx = executeContext(waiting);
		answers(ctx, { jobId: 'j1', status: 'skipped', error: { code: 'OPTED_OUT', message: '628123 asked not to be messaged.' } });
		await expect(run(ctx)).rejects.toMatchObject({ description: 'Job j1 is skipped (sidecar error code: OPTED_OUT).' });
		expect(requests(ctx)).toHaveLength(1);
	});

	it('outputs the job with waitTimedOut when the timeout passes', async () => {
		const ctx = executeContext({ ...sendText, options: { waitUntilSent: true, waitTimeout: 0.03 } });
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValueOnce(queued).mockResolvedValue({ jobId: 'j1', status: 'queued' });
		expect(await run(ctx)).toEqual([
			{ json: { jobId: 'j1', status: 'queued', waitTimedOut: true, duplicate: false }, pairedItem: { item: 0 } },
		]);
		expect(requests(ctx).length).toBeGreaterThan(2);
	});
});
