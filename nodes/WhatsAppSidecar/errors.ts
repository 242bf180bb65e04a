import { NodeApiError, type IDataObject, type INode, type JsonObject, type NodeOperationError } from 'n8n-workflow';

/** What the sidecar answers on failure: `{ error: { code, message, details? } }`. */
export interface SidecarErrorInfo {
	code?: string;
	message?: string;
	details?: { [key: string]: unknown };
}

interface SidecarErrorBody {
	error?: SidecarErrorInfo;
}

/**
 * A failed request however it reaches the node: n8n's HTTP helper throws its
 * own NodeApiError, which keeps the answer's body in `context.data` and the
 * status in `httpCode`; a raw HTTP error has `response`.
 */
interface HttpFailure {
	message?: string;
	code?: string;
	httpCode?: string | null;
	context?: { data?: SidecarErrorBody; code?: unknown };
	response?: { status?: number; data?: SidecarErrorBody; body?: SidecarErrorBody };
	cause?: { code?: string; response?: { status?: number; data?: SidecarErrorBody } };
}

/** The sidecar's coded error inside a failed request, if the sidecar answered one. */
export function sidecarErrorInfo(error: unknown): { status?: number; error?: SidecarErrorInfo } {
	const failure = (error ?? {}) as HttpFailure;
	const response = failure.response ?? failure.cause?.response;
	const body = failure.context?.data ?? response?.data ?? failure.response?.body;
	const status = response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	return { status, error: typeof body === 'object' && body && typeof body.error === 'object' ? body.error : undefined };
}

const CONNECTION_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT'];

/**
 * Turns a failed sidecar call into an n8n error that says what went wrong in the
 * sidecar's own words (its messages are written for no-code users): that is the
 * error's message, and the stable code is in `context.code` (and the
 * description), for branching and for the Error Trigger. n8n's HTTP helper puts
 * a generic title ("Bad request - please check your parameters") on its own
 * errors; they are rebuilt here.
 */
export function sidecarApiError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const failure = (error ?? {}) as HttpFailure;
	const { status, error: sidecar } = sidecarErrorInfo(error);

	if (sidecar?.message) {
		const code = sidecar.code ?? 'UNKNOWN';
		const apiError = plainApiError(node, sidecar.message, `Sidecar error code: ${code}`, itemIndex, status);
		apiError.context.code = code;
		if (sidecar.details) apiError.context.details = sidecar.details as IDataObject;
		return apiError;
	}
	const code = connectionCode(failure);
	if (code) {
		return plainApiError(
			node,
			'The WhatsApp sidecar is not reachable',
			`Check that the sidecar is running and that the Sidecar URL in the credential is right (${code}).`,
			itemIndex,
		);
	}
	if (error instanceof NodeApiError) return error;
	return new NodeApiError(node, failure as JsonObject, { itemIndex });
}

/** What a failed item carries with "On Error → Continue": the code to branch on, and the words. */
export function failedItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const code = typeof error.context.code === 'string' ? error.context.code : null;
	return {
		error: {
			code,
			message: error.message,
			description: error.description ?? null,
			...(error instanceof NodeApiError && error.httpCode ? { httpCode: error.httpCode } : {}),
			...(error.context.details ? { details: error.context.details } : {}),
		},
	};
}

function connectionCode(failure: HttpFailure): string | undefined {
	const candidates = [failure.code, failure.cause?.code, /\b(E[A-Z]+)\b/.exec(failure.message ?? '')?.[1]];
	return candidates.find((code): code is string => !!code && CONNECTION_CODES.includes(code));
}

function plainApiError(node: INode, message: string, description: string, itemIndex?: number, status?: number) {
	const httpCode = status === undefined ? undefined : String(status);
	return new NodeApiError(node, { message } as JsonObject, { message, description, itemIndex, httpCode });
}
