import { mockDeep, type DeepMockProxy } from 'jest-mock-extended';
import { NodeApiError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';

export const BASE_URL = 'http://127.0.0.1:3100';

export const node: INode = {
	id: 'node-1',
	name: 'WhatsApp',
	type: 'n8n-nodes-whatsapp-sidecar.whatsAppSidecar',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A parameter value, or one per item. */
export type Params = Record<string, unknown | ((itemIndex: number) => unknown)>;

export type Answer = (options: IHttpRequestOptions) => unknown;

/**
 * A mocked execute context: the node's parameters, its input items, and the
 * sidecar answering through `answer` (or `mockResolvedValueOnce` in the test).
 */
export function executeContext(params: Params, items: INodeExecutionData[] = [{ json: {} }]): DeepMockProxy<IExecuteFunctions> {
	const ctx = mockDeep<IExecuteFunctions>();
	ctx.getNode.mockReturnValue(node);
	ctx.getInputData.mockReturnValue(items);
	ctx.getNodeParameter.mockImplementation(((name: string, itemIndex: number, fallback?: unknown) => {
		const value = params[name];
		if (value === undefined) return fallback;
		return typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value;
	}) as never);
	ctx.getCredentials.mockResolvedValue({ baseUrl: `${BASE_URL}/`, apiKey: 'k' });
	ctx.continueOnFail.mockReturnValue(false);
	ctx.getWorkflow.mockReturnValue({ id: 'wf1', name: 'Reminders', active: true });
	ctx.getExecutionId.mockReturnValue('exec7');
	ctx.getTimezone.mockReturnValue('Asia/Jakarta');
	ctx.getWorkflowDataProxy.mockReturnValue({ $thisRunIndex: 0 } as never);
	ctx.getExecutionCancelSignal.mockReturnValue(undefined);
	return ctx;
}

/** The sidecar's answers, in order, as the HTTP helper resolves them. */
export function answers(ctx: DeepMockProxy<IExecuteFunctions>, ...bodies: unknown[]): void {
	for (const body of bodies) ctx.helpers.httpRequestWithAuthentication.mockResolvedValueOnce(body);
}

/** The requests the node made: method, url, body and query. */
export function requests(ctx: DeepMockProxy<IExecuteFunctions>): IHttpRequestOptions[] {
	return ctx.helpers.httpRequestWithAuthentication.mock.calls.map(([credential, options]) => {
		expect(credential).toBe('whatsAppSidecarApi');
		return options;
	});
}

/**
 * A failed request as n8n's HTTP helper throws it: its own NodeApiError around the
 * HTTP error (n8n-core's httpRequestWithAuthentication does `throw new NodeApiError(node, error)`),
 * which puts a generic title on it and keeps the sidecar's body in `context.data`.
 */
export function sidecarFailure(status: number, code: string, message: string, details?: IDataObject): Error {
	const httpError = Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: { error: { code, message, ...(details ? { details } : {}) } } },
	});
	return new NodeApiError(node, httpError as unknown as JsonObject);
}

export async function run(ctx: DeepMockProxy<IExecuteFunctions>): Promise<INodeExecutionData[]> {
	const [items] = await new WhatsAppSidecar().execute.call(ctx);
	return items;
}
