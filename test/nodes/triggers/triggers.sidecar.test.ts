import { mockDeep } from 'jest-mock-extended';
import {
	NodeApiError,
	type IBinaryData,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { WhatsAppAckTrigger } from '../../../nodes/WhatsAppAckTrigger/WhatsAppAckTrigger.node';
import { WhatsAppMessageTrigger } from '../../../nodes/WhatsAppMessageTrigger/WhatsAppMessageTrigger.node';
import { WhatsAppSessionTrigger } from '../../../nodes/WhatsAppSessionTrigger/WhatsAppSessionTrigger.node';
import { getSessions } from '../../../nodes/shared/sessionsList';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Received } from '../../support/receiver';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, TEST_API_KEY, type TestSidecar } from '../../support/testSidecar';
import { node } from './helpers';

type Trigger = WhatsAppMessageTrigger | WhatsAppAckTrigger | WhatsAppSessionTrigger;

/**
 * The triggers against a real sidecar in this process: their hook contexts send
 * HTTP for real (n8n's httpRequestWithAuthentication played by fetch with the
 * API key), so create() registers a real subscription whose deliveries reach a
 * local receiver; each request the receiver got, raw body and headers as they
 * came over the wire, is then handed to the trigger's webhook().
 */
describe('triggers with a real sidecar (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;
	const receivers: Array<Awaited<ReturnType<typeof startReceiver>>> = [];

	/** n8n's helper, for real: JSON or bytes back; a failure as the NodeApiError n8n throws (status, sidecar body as cause). */
	async function sidecarHttp(_credential: string, options: IHttpRequestOptions): Promise<unknown> {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
		const response = await fetch(url, {
			method: options.method ?? 'GET',
			headers: { 'x-api-key': TEST_API_KEY, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		});
		const bytes = Buffer.from(await response.arrayBuffer());
		const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
		if (!response.ok) {
			const cause = Object.assign(new Error(`Request failed with status code ${response.status}`), { response: { status: response.status, data: json } });
			throw new NodeApiError(node, cause as never, { httpCode: String(response.status) });
		}
		return options.encoding === 'arraybuffer' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : json;
	}

	async function hooks(params: IDataObject) {
		const receiver = await startReceiver();
		receivers.push(receiver);
		const staticData: IDataObject = {};
		const ctx = mockDeep<IHookFunctions>();
		ctx.getNode.mockReturnValue(node);
		ctx.getNodeWebhookUrl.mockReturnValue(receiver.url);
		ctx.getWorkflowStaticData.mockReturnValue(staticData);
		ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => (name in params ? params[name] : fallback)) as never);
		ctx.getCredentials.mockResolvedValue({ baseUrl: t.sidecar.url, apiKey: TEST_API_KEY });
		ctx.helpers.httpRequestWithAuthentication.mockImplementation(sidecarHttp);
		return { ctx, receiver, staticData };
	}

	/** Feeds a request the receiver got to the trigger, as n8n would: raw body kept, headers, static data. */
	async function deliver(trigger: Trigger, request: Received, params: IDataObject, staticData: IDataObject) {
		const ctx = mockDeep<IWebhookFunctions>();
		const response = { status: jest.fn(), json: jest.fn() };
		response.status.mockReturnValue(response);
		ctx.getNode.mockReturnValue(node);
		ctx.getWorkflowStaticData.mockReturnValue(staticData);
		ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => (name in params ? params[name] : fallback)) as never);
		ctx.getHeaderData.mockReturnValue(request.headers);
		ctx.getBodyData.mockReturnValue(request.body);
		ctx.getRequestObject.mockReturnValue({ headers: request.headers, body: request.body, rawBody: Buffer.from(request.raw) } as never);
		ctx.getResponseObject.mockReturnValue(response as never);
		ctx.getCredentials.mockResolvedValue({ baseUrl: t.sidecar.url, apiKey: TEST_API_KEY });
		ctx.helpers.httpRequestWithAuthentication.mockImplementation(sidecarHttp);
		ctx.helpers.prepareBinaryData.mockImplementation(
			async (data, fileName, mimeType) => ({ data: (data as Buffer).toString('base64'), fileName, mimeType }) as IBinaryData,
		);
		return { result: await trigger.webhook.call(ctx), response, ctx };
	}

	const lifecycle = (trigger: Trigger) => trigger.webhookMethods.default;

	beforeAll(async () => {
		// Media is never inlined, so the trigger has to fetch it from the sidecar.
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_EVENT_MEDIA_INLINE_BYTES: '0' } });
		await t.api('POST', '/api/sessions', { id: 'desk' });
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
	});
	afterAll(async () => {
		await t.stop();
		await Promise.all(receivers.map((r) => r.close()));
	});

	it('Message Trigger: registers, receives a signed message and its media, refuses it under another secret, and unregisters', async () => {
		const trigger = new WhatsAppMessageTrigger();
		const params = { sessions: ['desk'], options: { mediaBinaryProperty: 'file', textContains: 'invoice' } };
		const { ctx, receiver, staticData } = await hooks(params);

		await expect(lifecycle(trigger).checkExists.call(ctx)).resolves.toBe(false);
		await expect(lifecycle(trigger).create.call(ctx)).resolves.toBe(true);
		const subscription = await t.api('GET', `/api/webhooks/${String(staticData.webhookId)}`);
		expect(subscription.body).toMatchObject({ url: receiver.url, events: ['message'], sessions: ['desk'], filters: { fromMe: false } });
		await expect(lifecycle(trigger).checkExists.call(ctx)).resolves.toBe(true);

		const pdf = Buffer.from('%PDF-1.7 the invoice');
		engine.emit({
			type: 'message',
			message: { id: 'false_628111@c.us_T1', chatId: '628111@c.us', sender: '628111@c.us', fromMe: false, type: 'chat', text: 'hello', timestamp: 1, isGroup: false },
		});
		engine.emit({
			type: 'message',
			message: {
				id: 'false_628111@c.us_D1',
				chatId: '628111@c.us',
				sender: '628111@c.us',
				fromMe: false,
				pushName: 'Ana',
				type: 'document',
				text: 'The INVOICE for May',
				timestamp: 2,
				isGroup: false,
				media: { mimetype: 'application/pdf', filename: 'may.pdf', size: pdf.length },
				downloadMedia: async () => ({ mimetype: 'application/pdf', data: pdf, filename: 'may.pdf' }),
			},
		});
		const [hello, invoice] = await receiver.waitFor((all) => all.length >= 2, 'two message deliveries');

		// Not containing "invoice": answered without a run.
		const skipped = await deliver(trigger, hello, params, staticData);
		expect(skipped.result.workflowData).toBeUndefined();

		const { result, response } = await deliver(trigger, invoice, params, staticData);
		expect(response.status).not.toHaveBeenCalled();
		const [[item]] = result.workflowData!;
		expect(item.json).toMatchObject({
			id: 'false_628111@c.us_D1',
			chatId: '628111@c.us',
			pushName: 'Ana',
			text: 'The INVOICE for May',
			session: 'desk',
			eventId: invoice.headers['x-sidecar-event-id'],
			eventType: 'message',
			media: { mimetype: 'application/pdf', filename: 'may.pdf', url: '/api/sessions/desk/messages/false_628111%40c.us_D1/media' },
		});
		expect(item.binary?.file).toEqual({ data: pdf.toString('base64'), fileName: 'may.pdf', mimeType: 'application/pdf' });

		// The same request under another trigger's secret does not verify.
		const forged = await deliver(trigger, invoice, params, { ...staticData, secret: 'b'.repeat(64) });
		expect(forged.result).toEqual({ noWebhookResponse: true });
		expect(forged.response.status).toHaveBeenCalledWith(401);

		const id = String(staticData.webhookId);
		await expect(lifecycle(trigger).delete.call(ctx)).resolves.toBe(true);
		expect(staticData).toEqual({});
		const gone = await t.api('GET', `/api/webhooks/${id}`);
		expect([gone.status, gone.body.error.code]).toEqual([404, 'WEBHOOK_NOT_FOUND']);
	});

	it('a changed filter re-registers: the old subscription is removed, a new one made; delete after the sidecar lost it is fine', async () => {
		const trigger = new WhatsAppMessageTrigger();
		const { ctx, staticData } = await hooks({ includeGroups: true });
		await lifecycle(trigger).create.call(ctx);
		const first = String(staticData.webhookId);

		ctx.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) => (name === 'includeGroups' ? false : fallback)) as never);
		await expect(lifecycle(trigger).checkExists.call(ctx)).resolves.toBe(false);
		await lifecycle(trigger).create.call(ctx);
		expect(staticData.webhookId).not.toBe(first);
		expect((await t.api('GET', `/api/webhooks/${first}`)).status).toBe(404);
		expect((await t.api('GET', `/api/webhooks/${String(staticData.webhookId)}`)).body.filters).toEqual({ fromMe: false, groups: false });

		await t.api('DELETE', `/api/webhooks/${String(staticData.webhookId)}`);
		await expect(lifecycle(trigger).checkExists.call(ctx)).resolves.toBe(false);
		await expect(lifecycle(trigger).delete.call(ctx)).resolves.toBe(true);
	});

	it('Ack Trigger: a message sent with a reference comes back as sent, then delivered, with that reference', async () => {
		const trigger = new WhatsAppAckTrigger();
		const params = { statuses: ['sent', 'delivered'] };
		const { ctx, receiver, staticData } = await hooks(params);
		await lifecycle(trigger).create.call(ctx);

		const reference = { appointmentId: 42 };
		const accepted = await t.api('POST', '/api/sessions/desk/messages', { to: '6281234567890', text: 'See you at 10', reference });
		expect(accepted.status).toBe(202);
		const [sent] = await receiver.waitFor((all) => all.length >= 1, 'the sent status');
		const sentJob = (await deliver(trigger, sent, params, staticData)).result.workflowData![0][0].json;
		expect(sentJob).toMatchObject({ jobId: accepted.body.jobId, status: 'sent', reference, to: '6281234567890@c.us', eventType: 'message.ack' });

		engine.emit({ type: 'ack', ack: { messageId: String(sentJob.messageId), ack: 2, chatId: '6281234567890@c.us', fromMe: true } });
		const all = await receiver.waitFor((r) => r.length >= 2, 'the delivered status');
		const delivered = (await deliver(trigger, all[1], params, staticData)).result.workflowData![0][0].json;
		expect(delivered).toMatchObject({ jobId: accepted.body.jobId, status: 'delivered', ack: 2, reference });
		expect((delivered.history as IDataObject[]).map((h) => h.status)).toEqual(expect.arrayContaining(['sent', 'delivered']));

		await lifecycle(trigger).delete.call(ctx);
	});

	it('Session Trigger: lists sessions for the picker, alerts on SCAN_QR with the QR as PNG, and ignores STARTING', async () => {
		const load = mockDeep<ILoadOptionsFunctions>();
		load.getCredentials.mockResolvedValue({ baseUrl: t.sidecar.url, apiKey: TEST_API_KEY });
		load.helpers.httpRequestWithAuthentication.mockImplementation(sidecarHttp);
		expect(await getSessions.call(load)).toEqual([{ name: 'desk (READY)', value: 'desk' }]);

		const trigger = new WhatsAppSessionTrigger();
		const params = { sessions: ['front'], events: ['session.status', 'session.qr'], qrBinaryProperty: 'qr' };
		const { ctx, receiver, staticData } = await hooks(params);
		await lifecycle(trigger).create.call(ctx);

		await t.api('POST', '/api/sessions', { id: 'front' });
		engines.latest().emit({ type: 'qr', qr: '2@front,abc,def,ghi' });
		const requests = await receiver.waitFor((all) => all.some((r) => r.body.type === 'session.qr'), 'the QR event');
		const outcomes = [];
		for (const request of requests) {
			const { result } = await deliver(trigger, request, params, staticData);
			outcomes.push([request.body.type, request.body.payload.status ?? null, result.workflowData ? 'run' : 'ignored']);
		}
		expect(outcomes).toEqual(
			expect.arrayContaining([
				['session.status', 'STARTING', 'ignored'],
				['session.status', 'SCAN_QR', 'run'],
				['session.qr', null, 'run'],
			]),
		);
		const qrRequest = requests.find((r) => r.body.type === 'session.qr')!;
		const [[qr]] = (await deliver(trigger, qrRequest, params, staticData)).result.workflowData!;
		expect(qr.json).toMatchObject({ session: 'front', raw: '2@front,abc,def,ghi', dataUrl: expect.stringMatching(/^data:image\/png;base64,/), count: 1 });
		expect(Buffer.from(qr.binary!.qr.data, 'base64').subarray(1, 4).toString()).toBe('PNG');

		await lifecycle(trigger).delete.call(ctx);
		await pollUntil(() => t.api('GET', '/api/webhooks').then((r) => r.body.webhooks.length), (n) => n === 0, { what: 'no subscriptions left' });
	});
});
