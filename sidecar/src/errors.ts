/**
 * Every failure the API reports has its own class with a stable `code` (what
 * clients and the n8n nodes branch on) and an HTTP status; the error middleware
 * turns them into `{ error: { code, message, details? } }`. Messages are written
 * for a no-code user reading them in n8n.
 */
export class SidecarError extends Error {
	constructor(
		readonly code: string,
		readonly status: number,
		message: string,
		readonly details?: unknown,
	) {
		super(message);
		this.name = new.target.name;
	}
}

export class ApiKeyMissingError extends SidecarError {
	constructor() {
		super('API_KEY_MISSING', 401, 'This request needs the sidecar API key (header X-Api-Key).');
	}
}

export class ApiKeyInvalidError extends SidecarError {
	constructor() {
		super('API_KEY_INVALID', 401, 'The API key is wrong. Copy it again from the sidecar (SIDECAR_API_KEY or the api-key file in its data folder).');
	}
}

export class RouteNotFoundError extends SidecarError {
	constructor(method: string, path: string) {
		super('ROUTE_NOT_FOUND', 404, `The sidecar has no ${method} ${path}. Check the sidecar URL and version.`);
	}
}

export class InvalidJsonError extends SidecarError {
	constructor() {
		super('INVALID_JSON', 400, 'The request body is not valid JSON.');
	}
}

export class InternalError extends SidecarError {
	constructor() {
		super('INTERNAL', 500, 'The sidecar hit an unexpected problem; its log has the details.');
	}
}
