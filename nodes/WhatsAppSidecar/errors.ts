import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** What the sidecar answers on failure: `{ error: { code, message, details? } }`. */
export interface SidecarErrorInfo {
	code?: string;
	message?: string;
	details?: { [key: string]: unknown };
}

interface SidecarErrorBody {
	error?: SidecarErrorInfo;
}

interface HttpFailure {
	message?: string;
	code?: string;
	response?: { status?: number; data?: SidecarErrorBody; body?: SidecarErrorBody };
	cause?: { code?: string; response?: { status?: number; data?: SidecarErrorBody } };
}

/** The sidecar's coded error inside a failed request, if the sidecar answered one. */
export function sidecarErrorInfo(error: unknown): { status?: number; error?: SidecarErrorInfo } {
	const failure = (error ?? {}) as HttpFailure;
	const response = failure.response ?? failure.cause?.response;
	const body = response?.data ?? failure.response?.body;
	return { status: response?.status, error: typeof body === 'object' && body ? body.error : undefined };
}

/**
 * Turns a failed sidecar call into an n8n error that says what went wrong in the
 * sidecar's own words (its messages are written for no-code users), with the
 * stable error code in the description for searching and branching.
 *
 * NodeApiError rewrites messages from a raw HTTP error (status tables, error-code
 * tables), so it gets a plain object holding only our text.
 */
export function sidecarApiError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const failure = (error ?? {}) as HttpFailure;
	const { status, error: sidecar } = sidecarErrorInfo(error);

	if (sidecar?.message) {
		const httpCode = status === undefined ? undefined : String(status);
		return plainApiError(node, sidecar.message, `Sidecar error code: ${sidecar.code ?? 'unknown'}`, itemIndex, httpCode);
	}
	const code = failure.code ?? failure.cause?.code;
	if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT'].includes(code)) {
		return plainApiError(
			node,
			'The WhatsApp sidecar is not reachable',
			`Check that the sidecar is running and that the Sidecar URL in the credential is right (${code}).`,
			itemIndex,
		);
	}
	return new NodeApiError(node, failure as JsonObject, { itemIndex });
}

function plainApiError(node: INode, message: string, description: string, itemIndex?: number, httpCode?: string) {
	return new NodeApiError(node, { message } as JsonObject, { message, description, itemIndex, httpCode });
}
