import { mockDeep, type DeepMockProxy } from 'jest-mock-extended';
import { NodeApiError, type IExecuteFunctions, type INode } from 'n8n-workflow';
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
			{ json: { error: 'broken', description: 'Sidecar error code: X' }, pairedItem: { item: 0 } },
			{ json: { version: '0.1.0' }, pairedItem: { item: 1 } },
		]);
	});
});
