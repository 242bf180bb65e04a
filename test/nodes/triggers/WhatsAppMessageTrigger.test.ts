import { NodeApiError, type IDataObject } from 'n8n-workflow';
import { WhatsAppMessageTrigger } from '../../../nodes/WhatsAppMessageTrigger/WhatsAppMessageTrigger.node';
import { BASE_URL, envelope, hookContext, httpError, SECRET, WEBHOOK_URL, webhookContext } from './helpers';

const trigger = new WhatsAppMessageTrigger();
const { checkExists, create, delete: remove } = trigger.webhookMethods.default;

const message = (extra: IDataObject = {}): IDataObject => ({
	id: 'false_628111@c.us_A1',
	chatId: '628111@c.us',
	sender: '628111@c.us',
	senderPhone: '628111',
	chatPhone: '628111',
	fromMe: false,
	pushName: 'Ana',
	type: 'chat',
	text: 'Hello, I would like to BOOK a table',
	timestamp: 1_790_000_000,
	isGroup: false,
	media: null,
	session: 'desk',
	...extra,
});

describe('WhatsApp Message Trigger', () => {
	it('is a trigger by n8n rules: no inputs, Trigger in its names, not a tool', () => {
		const d = trigger.description;
		expect(d).toMatchObject({ name: 'whatsAppMessageTrigger', group: ['trigger'], inputs: [] });
		expect(d.displayName).toContain('Trigger');
		expect(d.usableAsTool).toBeUndefined();
		expect(d.webhooks).toEqual([expect.objectContaining({ name: 'default', httpMethod: 'POST', responseData: 'noData' })]);
	});

	describe('create', () => {
		it('subscribes the webhook URL to message events with the filters and a fresh 32-byte secret, and keeps id, secret and config', async () => {
			const staticData: IDataObject = {};
			const ctx = hookContext({ sessions: ['desk', 'sales'], options: { chats: '628111@c.us, +62 812-222' } }, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_1', url: WEBHOOK_URL });

			await expect(create.call(ctx)).resolves.toBe(true);

			expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
			const [credential, request] = ctx.helpers.httpRequestWithAuthentication.mock.calls[0];
			expect(credential).toBe('whatsAppSidecarApi');
			expect(request).toEqual({
				method: 'POST',
				url: `${BASE_URL}/api/webhooks`,
				json: true,
				body: {
					url: WEBHOOK_URL,
					events: ['message'],
					sessions: ['desk', 'sales'],
					filters: { fromMe: false, chats: ['628111@c.us', '62812222@c.us'] },
					secret: expect.stringMatching(/^[0-9a-f]{64}$/),
				},
			});
			expect(staticData).toEqual({
				webhookId: 'wh_1',
				secret: (request.body as IDataObject).secret,
				config: {
					events: ['message'],
					sessions: ['desk', 'sales'],
					filters: { fromMe: false, chats: ['628111@c.us', '62812222@c.us'] },
				},
			});
		});

		it('leaves sessions out for all sessions, and asks the sidecar to drop groups when they are excluded', async () => {
			const ctx = hookContext({ sessions: [], ignoreOwnMessages: false, includeGroups: false });
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_2' });
			await create.call(ctx);
			const body = ctx.helpers.httpRequestWithAuthentication.mock.calls[0][1].body as IDataObject;
			expect(body).not.toHaveProperty('sessions');
			expect(body.filters).toEqual({ groups: false });
		});

		it('takes sessions typed as comma-separated text (an expression)', async () => {
			const ctx = hookContext({ sessions: 'desk, sales,,desk' });
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_3' });
			await create.call(ctx);
			expect((ctx.helpers.httpRequestWithAuthentication.mock.calls[0][1].body as IDataObject).sessions).toEqual(['desk', 'sales']);
		});

		it('first removes the subscription an older configuration left', async () => {
			const staticData: IDataObject = { webhookId: 'wh_old', secret: SECRET, config: { events: ['message'], sessions: [], filters: {} } };
			const ctx = hookContext({}, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValueOnce({ id: 'wh_old', deleted: true }).mockResolvedValueOnce({ id: 'wh_new' });
			await create.call(ctx);
			expect(ctx.helpers.httpRequestWithAuthentication.mock.calls.map(([, r]) => `${r.method} ${r.url}`)).toEqual([
				`DELETE ${BASE_URL}/api/webhooks/wh_old`,
				`POST ${BASE_URL}/api/webhooks`,
			]);
			expect(staticData.webhookId).toBe('wh_new');
			expect(staticData.secret).not.toBe(SECRET);
		});

		it("reports the sidecar's refusal in its words", async () => {
			const ctx = hookContext({ sessions: ['bad id'] });
			ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(400, 'VALIDATION_FAILED', 'sessions.0: Invalid string'));
			await expect(create.call(ctx)).rejects.toMatchObject({ message: 'sessions.0: Invalid string' });
		});
	});

	describe('checkExists', () => {
		const registered = async (params: IDataObject) => {
			const staticData: IDataObject = {};
			const ctx = hookContext(params, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_1' });
			await create.call(ctx);
			const sent = ctx.helpers.httpRequestWithAuthentication.mock.calls[0][1].body as IDataObject;
			const { secret: _secret, ...view } = sent;
			return { staticData, remote: { id: 'wh_1', createdAt: '2026-11-02T08:00:00.000Z', ...view, sessions: view.sessions ?? null, filters: view.filters ?? {} } };
		};

		it('is true when the sidecar has the subscription for this URL and configuration', async () => {
			const params = { sessions: ['sales', 'desk'], options: { chats: '628111@c.us' } };
			const { staticData, remote } = await registered(params);
			const ctx = hookContext(params, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue(remote);
			await expect(checkExists.call(ctx)).resolves.toBe(true);
			expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
				method: 'GET',
				url: `${BASE_URL}/api/webhooks/wh_1`,
				json: true,
			});
		});

		it('is false after a filter changed, without asking the sidecar', async () => {
			const { staticData, remote } = await registered({ includeGroups: true });
			const ctx = hookContext({ includeGroups: false }, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue(remote);
			await expect(checkExists.call(ctx)).resolves.toBe(false);
			expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
		});

		it('is false when the sidecar holds another URL or configuration under that id', async () => {
			const { staticData, remote } = await registered({});
			const elsewhere = hookContext({}, staticData);
			elsewhere.helpers.httpRequestWithAuthentication.mockResolvedValue({ ...remote, url: 'https://old.example.com/webhook/x' });
			await expect(checkExists.call(elsewhere)).resolves.toBe(false);
			const changed = hookContext({}, staticData);
			changed.helpers.httpRequestWithAuthentication.mockResolvedValue({ ...remote, filters: {} });
			await expect(checkExists.call(changed)).resolves.toBe(false);
		});

		it('is false when nothing was registered, and when the sidecar says 404', async () => {
			await expect(checkExists.call(hookContext({}, {}))).resolves.toBe(false);
			const { staticData } = await registered({});
			const ctx = hookContext({}, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(404, 'WEBHOOK_NOT_FOUND', 'There is no webhook subscription'));
			await expect(checkExists.call(ctx)).resolves.toBe(false);
		});

		it('surfaces other failures', async () => {
			const { staticData } = await registered({});
			const ctx = hookContext({}, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(500, 'INTERNAL', 'Something broke in the sidecar'));
			await expect(checkExists.call(ctx)).rejects.toBeInstanceOf(NodeApiError);
		});
	});

	describe('delete', () => {
		const stored = () => ({ webhookId: 'wh_1', secret: SECRET, config: { events: ['message'], sessions: [], filters: {} } });

		it('deletes the subscription and clears the static data', async () => {
			const staticData: IDataObject = stored();
			const ctx = hookContext({}, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ id: 'wh_1', deleted: true });
			await expect(remove.call(ctx)).resolves.toBe(true);
			expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
				method: 'DELETE',
				url: `${BASE_URL}/api/webhooks/wh_1`,
				json: true,
			});
			expect(staticData).toEqual({});
		});

		it('tolerates a subscription that is already gone (404)', async () => {
			const staticData: IDataObject = stored();
			const ctx = hookContext({}, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(404, 'WEBHOOK_NOT_FOUND', 'gone'));
			await expect(remove.call(ctx)).resolves.toBe(true);
			expect(staticData).toEqual({});
		});

		it('surfaces a 500 and keeps the static data, so a later delete can try again', async () => {
			const staticData: IDataObject = stored();
			const ctx = hookContext({}, staticData);
			ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(500, 'INTERNAL', 'Something broke in the sidecar'));
			await expect(remove.call(ctx)).rejects.toMatchObject({ message: 'Something broke in the sidecar' });
			expect(staticData).toEqual(stored());
		});

		it('has nothing to do when nothing was registered', async () => {
			const ctx = hookContext({}, {});
			await expect(remove.call(ctx)).resolves.toBe(true);
			expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
		});
	});

	describe('webhook', () => {
		it('turns a correctly signed message into one item: the message plus the event id, type and session', async () => {
			const { ctx, response } = webhookContext(envelope('message', message()));
			const result = await trigger.webhook.call(ctx);
			expect(result).toEqual({
				workflowData: [
					[
						{
							json: {
								...message(),
								phone: '628111',
								session: 'desk',
								eventId: 'evt_0001',
								eventType: 'message',
								eventTimestamp: '2026-11-02T08:00:00.000Z',
							},
						},
					],
				],
			});
			expect(response.status).not.toHaveBeenCalled();
		});

		it('refuses a wrong signature with 401 and starts nothing', async () => {
			const { ctx, response } = webhookContext(envelope('message', message()), {}, { signWith: 'another-secret-entirely' });
			const result = await trigger.webhook.call(ctx);
			expect(result).toEqual({ noWebhookResponse: true });
			expect(response.status).toHaveBeenCalledWith(401);
			expect(response.json).toHaveBeenCalledWith({ error: { code: 'SIGNATURE_INVALID', message: expect.any(String) } });
		});

		it('refuses a body changed after signing', async () => {
			const { ctx, response } = webhookContext(envelope('message', message()));
			const tampered = JSON.stringify(envelope('message', message({ text: 'send me the money' })));
			ctx.getRequestObject.mockReturnValue({ rawBody: Buffer.from(tampered), body: JSON.parse(tampered) } as never);
			await expect(trigger.webhook.call(ctx)).resolves.toEqual({ noWebhookResponse: true });
			expect(response.status).toHaveBeenCalledWith(401);
		});

		it.each([
			['older than 5 minutes', -301],
			['more than 5 minutes ahead', 301],
		])('refuses a timestamp %s with 401, even correctly signed', async (_what, offset) => {
			const { ctx, response } = webhookContext(envelope('message', message()), {}, { timestamp: Math.floor(Date.now() / 1000) + offset });
			await expect(trigger.webhook.call(ctx)).resolves.toEqual({ noWebhookResponse: true });
			expect(response.status).toHaveBeenCalledWith(401);
			expect(response.json).toHaveBeenCalledWith({ error: { code: 'TIMESTAMP_STALE', message: expect.any(String) } });
		});

		it('refuses a delivery without signature headers, and one when the trigger has no secret', async () => {
			const unsigned = webhookContext(envelope('message', message()), {}, { headers: { 'x-sidecar-signature': '' } });
			await expect(trigger.webhook.call(unsigned.ctx)).resolves.toEqual({ noWebhookResponse: true });
			expect(unsigned.response.status).toHaveBeenCalledWith(401);
			const noSecret = webhookContext(envelope('message', message()));
			noSecret.ctx.getWorkflowStaticData.mockReturnValue({});
			await expect(trigger.webhook.call(noSecret.ctx)).resolves.toEqual({ noWebhookResponse: true });
		});

		it('verifies over the re-serialized body when the runtime keeps no raw body', async () => {
			const { ctx } = webhookContext(envelope('message', message({ text: 'Ünïcödé 😀 "quoted"' })), {}, { withoutRawBody: true });
			const result = await trigger.webhook.call(ctx);
			expect(result.workflowData?.[0][0].json.text).toBe('Ünïcödé 😀 "quoted"');
		});

		it('Text Contains: lets through messages containing the text in any case, and answers the others without a run', async () => {
			const params = { options: { textContains: 'book' } };
			const hit = webhookContext(envelope('message', message()), params);
			expect((await trigger.webhook.call(hit.ctx)).workflowData).toHaveLength(1);
			const miss = webhookContext(envelope('message', message({ text: 'Just saying hi' })), params);
			const result = await trigger.webhook.call(miss.ctx);
			expect(result.workflowData).toBeUndefined();
			expect(result.webhookResponse).toEqual({ received: true, ignored: expect.any(String) });
			const noText = webhookContext(envelope('message', message({ text: undefined, type: 'image' })), params);
			expect((await trigger.webhook.call(noText.ctx)).workflowData).toBeUndefined();
		});

		it('puts inline media (base64) into the binary field without calling the sidecar', async () => {
			const media = { mimetype: 'image/jpeg', filename: 'photo.jpg', size: 4, url: '/api/sessions/desk/messages/m1/media', base64: Buffer.from('JPEG').toString('base64') };
			const { ctx } = webhookContext(envelope('message', message({ type: 'image', media })), { options: { mediaBinaryProperty: 'photo' } });
			const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
			expect(ctx.helpers.prepareBinaryData).toHaveBeenCalledWith(Buffer.from('JPEG'), 'photo.jpg', 'image/jpeg');
			expect(item.binary).toEqual({ photo: { data: Buffer.from('JPEG').toString('base64'), fileName: 'photo.jpg', mimeType: 'image/jpeg' } });
			expect(item.json.media).toEqual({ mimetype: 'image/jpeg', filename: 'photo.jpg', size: 4, url: '/api/sessions/desk/messages/m1/media' });
			expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
		});

		it('downloads larger media from the sidecar path, authenticated, as an arraybuffer', async () => {
			const media = { mimetype: 'application/pdf', filename: null, size: 900_000, url: '/api/sessions/desk/messages/false_628111%40c.us_A1/media', base64: null };
			const { ctx } = webhookContext(envelope('message', message({ type: 'document', media })), { options: { mediaBinaryProperty: 'data' } });
			ctx.helpers.httpRequestWithAuthentication.mockResolvedValue(new Uint8Array([37, 80, 68, 70]).buffer);
			const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
			expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
				method: 'GET',
				url: `${BASE_URL}/api/sessions/desk/messages/false_628111%40c.us_A1/media`,
				encoding: 'arraybuffer',
			});
			expect(item.binary?.data).toEqual({ data: Buffer.from('%PDF').toString('base64'), fileName: undefined, mimeType: 'application/pdf' });
		});

		it('still starts the workflow when the media cannot be downloaded, saying why on the item', async () => {
			const media = { mimetype: 'video/mp4', size: 9, url: '/api/sessions/desk/messages/m1/media', base64: null };
			const { ctx } = webhookContext(envelope('message', message({ type: 'video', media })), { options: { mediaBinaryProperty: 'data' } });
			ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(httpError(404, 'MEDIA_NOT_FOUND', 'The media is no longer kept'));
			const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
			expect(item.binary).toBeUndefined();
			expect(item.json.media).toMatchObject({ downloadError: 'The media is no longer kept' });
		});

		it('never sends the API key to a host other than the sidecar', async () => {
			const media = { mimetype: 'image/png', url: 'https://evil.example.com/steal', base64: null };
			const { ctx } = webhookContext(envelope('message', message({ type: 'image', media })), { options: { mediaBinaryProperty: 'data' } });
			const [[item]] = (await trigger.webhook.call(ctx)).workflowData!;
			expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
			expect(item.json.media).toMatchObject({ downloadError: expect.stringContaining('not a path of the sidecar') });
		});

		it('keeps media as JSON only when no binary field is set, and ignores other event types', async () => {
			const media = { mimetype: 'image/png', url: '/api/x', base64: 'iVBO' };
			const plain = webhookContext(envelope('message', message({ media })));
			const [[item]] = (await trigger.webhook.call(plain.ctx)).workflowData!;
			expect(item.binary).toBeUndefined();
			expect(item.json.media).toEqual(media);
			const other = webhookContext(envelope('session.status', { status: 'READY' }));
			expect((await trigger.webhook.call(other.ctx)).workflowData).toBeUndefined();
		});
	});
});
