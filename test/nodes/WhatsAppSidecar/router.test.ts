import { mockDeep, type DeepMockProxy } from 'jest-mock-extended';
import { NodeApiError, type IExecuteFunctions, type INode, type JsonObject } from 'n8n-workflow';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';

describe('WhatsApp (Sidecar) node', () => {
	let ctx: DeepMockProxy<IExecuteFunctions>;
	const node: INode = {
		id: '1',
		name: 'WhatsApp',
		type: 'n8n-nodes-whatsapp-sidecar.whatsAppSidecar',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	beforeEach(() => {
		ctx = mockDeep<IExecuteFunctions>();
		ctx.getNode.mockReturnValue(node);
		ctx.getInputData.mockReturnValue([{ json: {} }, { json: {} }]);
		ctx.getNodeParameter.mockImplementation(((name: string) => ({ resource: 'server', operation: 'getInfo' })[name]) as never);
		ctx.getCredentials.mockResolvedValue({ baseUrl: 'http://127.0.0.1:3100/', apiKey: 'k' });
		ctx.continueOnFail.mockReturnValue(false);
	});

	it('Server → Get Info calls GET /api/server once per item, with the credential, pairing each output', async () => {
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ version: '0.1.0' });
		const [items] = await new WhatsAppSidecar().execute.call(ctx);
		expect(items).toEqual([
			{ json: { version: '0.1.0' }, pairedItem: { item: 0 } },
			{ json: { version: '0.1.0' }, pairedItem: { item: 1 } },
		]);
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
			method: 'GET',
			url: 'http://127.0.0.1:3100/api/server',
			json: true,
		});
	});

	it("turns a sidecar error into a NodeApiError with the sidecar's message and the item index", async () => {
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			Object.assign(new Error('Request failed with status code 401'), {
				response: { status: 401, data: { error: { code: 'API_KEY_INVALID', message: 'The API key is wrong.' } } },
			}),
		);
		const run = new WhatsAppSidecar().execute.call(ctx);
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		await expect(run).rejects.toMatchObject({
			message: 'The API key is wrong.',
			description: 'Sidecar error code: API_KEY_INVALID',
			context: { itemIndex: 0 },
		});
	});

	it("shows the sidecar's words and code when the failure comes wrapped in n8n's own NodeApiError", async () => {
		const httpError = Object.assign(new Error('Request failed with status code 400'), {
			response: { status: 400, data: { error: { code: 'RECIPIENT_INVALID', message: '"undefined" is not a WhatsApp number.', details: { to: 'undefined' } } } },
		});
		// What n8n-core's httpRequestWithAuthentication throws: its title is "Bad request - please check your parameters".
		const wrapped = new NodeApiError(ctx.getNode(), httpError as unknown as JsonObject);
		expect(wrapped.message).not.toContain('WhatsApp number');
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(wrapped);
		await expect(new WhatsAppSidecar().execute.call(ctx)).rejects.toMatchObject({
			message: '"undefined" is not a WhatsApp number.',
			description: 'Sidecar error code: RECIPIENT_INVALID',
			httpCode: '400',
			context: { itemIndex: 0, code: 'RECIPIENT_INVALID', details: { to: 'undefined' } },
		});
	});

	it('explains an unreachable sidecar, also when n8n wrapped the connection error', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3100'), { code: 'ECONNREFUSED' });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(new NodeApiError(ctx.getNode(), refused as unknown as JsonObject));
		await expect(new WhatsAppSidecar().execute.call(ctx)).rejects.toMatchObject({ message: 'The WhatsApp sidecar is not reachable' });
	});

	it('explains an unreachable sidecar', async () => {
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		await expect(new WhatsAppSidecar().execute.call(ctx)).rejects.toMatchObject({
			message: 'The WhatsApp sidecar is not reachable',
		});
	});

	it('with Continue On Fail, keeps going and reports the error on the failed item', async () => {
		ctx.continueOnFail.mockReturnValue(true);
		ctx.helpers.httpRequestWithAuthentication
			.mockRejectedValueOnce(Object.assign(new Error('x'), { response: { data: { error: { code: 'X', message: 'broken' } } } }))
			.mockResolvedValueOnce({ version: '0.1.0' });
		const [items] = await new WhatsAppSidecar().execute.call(ctx);
		expect(items).toEqual([
			{ json: { error: { code: 'X', message: 'broken', description: 'Sidecar error code: X' } }, pairedItem: { item: 0 } },
			{ json: { version: '0.1.0' }, pairedItem: { item: 1 } },
		]);
	});
});

describe('WhatsApp (Sidecar) description', () => {
	const { properties, usableAsTool } = new WhatsAppSidecar().description;

	it('routes every operation it shows, and shows every operation it routes', async () => {
		const { allItemsOperations, operations } = await import('../../../nodes/WhatsAppSidecar/actions/router');
		const resources = properties.find((p) => p.name === 'resource')?.options?.map((o) => (o as { value: string }).value) ?? [];
		const shown = Object.fromEntries(
			resources.map((resource) => [
				resource,
				properties
					.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
					.flatMap((p) => p.options?.map((o) => (o as { value: string }).value) ?? [])
					.sort(),
			]),
		);
		// Per item, or once over all the items (Campaign → Create); never both.
		const routed = Object.fromEntries(
			Object.entries(operations).map(([resource, ops]) => [resource, [...Object.keys(ops), ...Object.keys(allItemsOperations[resource] ?? {})].sort()]),
		);
		for (const [resource, ops] of Object.entries(allItemsOperations)) for (const op of Object.keys(ops)) expect(operations[resource]?.[op]).toBeUndefined();
		expect(shown).toEqual(routed);
		expect(usableAsTool).toBe(true);
	});

	it('offers the session picker wherever a session is used', () => {
		const pickers = properties.filter((p) => p.name === 'session');
		expect(pickers.every((p) => p.type === 'resourceLocator')).toBe(true);
		const operationsWithPicker = pickers.flatMap((p) => p.displayOptions?.show?.operation ?? []).sort();
		expect(operationsWithPicker).toEqual(
			[
				...['checkNumber', 'getPairingCode', 'getQr', 'getStatus', 'logout', 'restart', 'sendMedia', 'sendText', 'start', 'stop'],
				// chats and contact profiles
				...['archive', 'block', 'getMessages', 'getProfile', 'list', 'markRead', 'mute', 'setPresence', 'unarchive', 'unblock', 'unmute'],
				// Group
				...['create', 'getInfo', 'getInviteLink', 'join', 'leave', 'revokeInviteLink', 'updateParticipants', 'updateSettings'],
				// Message content (issue 14).
				...['react', 'reply', 'sendContact', 'sendLocation', 'sendPoll'],
				// Forward (issue 14); Edit and Delete go by job id, which names its session.
				'forward',
				// Opt-outs (issue 15): the list is shared, but an opt-out says which number it came through.
				...['optIn', 'optOut'],
			].sort(),
		);
	});
});
