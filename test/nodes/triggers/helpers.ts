import { sign } from '../../../sidecar/src/contract';
import { mockDeep, type DeepMockProxy } from 'jest-mock-extended';
import type { IBinaryData, IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

export const WEBHOOK_URL = 'https://n8n.example.com/webhook/5b1c/webhook';
export const BASE_URL = 'http://127.0.0.1:3100';
export const SECRET = 'f'.repeat(64);

export const node: INode = {
	id: '1',
	name: 'Trigger',
	type: 'n8n-nodes-whatsapp-sidecar.whatsAppMessageTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Parameters as n8n would hand them over: the set value, else the fallback the node asked with. */
function parameters(params: IDataObject) {
	return ((name: string, fallback?: unknown) => (name in params ? params[name] : fallback)) as never;
}

/** A hook context (checkExists/create/delete) whose static data is `staticData`, to assert on afterwards. */
export function hookContext(params: IDataObject = {}, staticData: IDataObject = {}): DeepMockProxy<IHookFunctions> {
	const ctx = mockDeep<IHookFunctions>();
	ctx.getNode.mockReturnValue(node);
	ctx.getNodeWebhookUrl.mockReturnValue(WEBHOOK_URL);
	ctx.getWorkflowStaticData.mockReturnValue(staticData);
	ctx.getNodeParameter.mockImplementation(parameters(params));
	ctx.getCredentials.mockResolvedValue({ baseUrl: `${BASE_URL}/`, apiKey: 'k' });
	return ctx;
}

/** An HTTP failure as n8n's helper throws it (the axios error is kept as the cause). */
export function httpError(status: number, code = 'X', message = 'failed'): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		httpCode: String(status),
		cause: { response: { status, data: { error: { code, message } } } },
	});
}

export function envelope(type: string, payload: IDataObject, session = 'desk'): IDataObject {
	return { id: 'evt_0001', type, session, timestamp: '2026-11-02T08:00:00.000Z', payload };
}

export interface DeliveryOptions {
	/** Sign with another secret than the trigger's. */
	signWith?: string;
	/** Unix seconds (default: now). */
	timestamp?: number;
	/** Leave `rawBody` off the request, as a runtime that does not keep it would. */
	withoutRawBody?: boolean;
	headers?: Record<string, string>;
}

/**
 * A webhook context receiving `body` (an envelope) signed as the sidecar signs it,
 * the trigger's secret in its static data; `response` records what the node answers.
 */
export function webhookContext(body: IDataObject, params: IDataObject = {}, options: DeliveryOptions = {}) {
	const raw = JSON.stringify(body);
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	const headers = {
		'content-type': 'application/json',
		'x-sidecar-event-id': String(body.id),
		'x-sidecar-timestamp': String(timestamp),
		'x-sidecar-signature': sign(options.signWith ?? SECRET, timestamp, raw),
		...options.headers,
	};
	return webhookContextFor(raw, headers, params, { webhookId: 'wh_1', secret: SECRET }, !options.withoutRawBody);
}

/** A webhook context for a request as it came over the wire: raw body and headers. */
export function webhookContextFor(
	raw: string,
	headers: Record<string, string | string[] | undefined>,
	params: IDataObject,
	staticData: IDataObject,
	withRawBody = true,
) {
	const ctx = mockDeep<IWebhookFunctions>();
	const response = { status: jest.fn(), json: jest.fn(), send: jest.fn(), end: jest.fn() };
	response.status.mockReturnValue(response);
	response.json.mockReturnValue(response);
	ctx.getNode.mockReturnValue(node);
	ctx.getWorkflowStaticData.mockReturnValue(staticData);
	ctx.getNodeParameter.mockImplementation(parameters(params));
	ctx.getHeaderData.mockReturnValue(headers);
	ctx.getBodyData.mockReturnValue(JSON.parse(raw));
	ctx.getRequestObject.mockReturnValue({ headers, body: JSON.parse(raw), ...(withRawBody ? { rawBody: Buffer.from(raw) } : {}) } as never);
	ctx.getResponseObject.mockReturnValue(response as never);
	ctx.getCredentials.mockResolvedValue({ baseUrl: BASE_URL, apiKey: 'k' });
	ctx.helpers.prepareBinaryData.mockImplementation(
		async (data, fileName, mimeType) =>
			({ data: (data as Buffer).toString('base64'), fileName, mimeType: mimeType ?? 'application/octet-stream' }) as IBinaryData,
	);
	return { ctx, response };
}
