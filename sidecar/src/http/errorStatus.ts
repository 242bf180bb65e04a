import type { RequestErrorCode } from '../contract';

/**
 * The one table of HTTP statuses: what each error code is answered with. The
 * errors themselves know nothing of HTTP (a job keeps the same codes); a test
 * goes over every code of the contract.
 */
export const HTTP_STATUS: Record<RequestErrorCode, number> = {
	API_KEY_MISSING: 401,
	API_KEY_INVALID: 401,
	ROUTE_NOT_FOUND: 404,
	PATH_INVALID: 400,
	INVALID_JSON: 400,
	VALIDATION_FAILED: 400,
	BODY_TOO_LARGE: 413,
	BODY_INCOMPLETE: 400,
	UNSUPPORTED_MEDIA_TYPE: 415,
	CONTENT_ENCODING_UNSUPPORTED: 415,
	CONTENT_ENCODING_INVALID: 400,
	REQUEST_INVALID: 400,
	INTERNAL: 500,
	STORAGE_UNAVAILABLE: 503,
	SESSION_ID_INVALID: 400,
	SESSION_NOT_FOUND: 404,
	SESSION_EXISTS: 409,
	SESSION_LIMIT_REACHED: 429,
	SESSION_NOT_RUNNING: 409,
	SESSION_NOT_READY: 409,
	QR_NOT_AVAILABLE: 404,
	QR_RATE_LIMITED: 429,
	BROWSER_NOT_FOUND: 503,
	RECIPIENT_INVALID: 400,
	NOT_ON_WHATSAPP: 422,
	MEDIA_INVALID: 400,
	MEDIA_TOO_LARGE: 413,
	MEDIA_TYPE_NOT_ALLOWED: 415,
	MEDIA_URL_BLOCKED: 422,
	MEDIA_FETCH_FAILED: 422,
	REFERENCE_TOO_LARGE: 413,
	IDEMPOTENCY_KEY_REUSED: 409,
	JOB_NOT_FOUND: 404,
	JOB_NOT_CANCELLABLE: 409,
	WEBHOOK_NOT_FOUND: 404,
	WEBHOOK_URL_INVALID: 400,
	WEBHOOK_URL_BLOCKED: 422,
	MEDIA_NOT_FOUND: 404,
};

/** A job-only code reaching a request (a bug): answered as what it is, a failure on our side. */
export function httpStatusOf(code: string): number {
	return (HTTP_STATUS as Record<string, number>)[code] ?? 500;
}
