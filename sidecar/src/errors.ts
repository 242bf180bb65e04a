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

export class ValidationError extends SidecarError {
	constructor(message: string, details?: unknown) {
		super('VALIDATION_FAILED', 400, message, details);
	}
}

export class SessionIdInvalidError extends SidecarError {
	constructor(id: string) {
		super(
			'SESSION_ID_INVALID',
			400,
			`"${id}" cannot be a session id: use 1 to 64 letters, digits, "-" or "_" (it becomes a folder name).`,
		);
	}
}

export class SessionNotFoundError extends SidecarError {
	constructor(id: string) {
		super('SESSION_NOT_FOUND', 404, `There is no session "${id}". Create it first (POST /api/sessions).`);
	}
}

export class SessionExistsError extends SidecarError {
	constructor(id: string) {
		super('SESSION_EXISTS', 409, `A session "${id}" already exists.`);
	}
}

export class SessionLimitReachedError extends SidecarError {
	constructor(max: number) {
		super(
			'SESSION_LIMIT_REACHED',
			429,
			`This sidecar already has ${max} sessions, its limit. Delete one, or raise SIDECAR_MAX_SESSIONS if the machine has room (each session runs a browser).`,
		);
	}
}

export class QrNotAvailableError extends SidecarError {
	constructor(status: string) {
		const hint =
			status === 'READY'
				? 'The session is already logged in: no QR is needed.'
				: status === 'STOPPED' || status === 'LOGGED_OUT'
					? 'Start the session to get a QR.'
					: 'Wait a moment and ask again.';
		super('QR_NOT_AVAILABLE', 404, `There is no QR code right now (the session is ${status}). ${hint}`, { status });
	}
}

export class QrRateLimitedError extends SidecarError {
	constructor(retryAfterSeconds: number) {
		super(
			'QR_RATE_LIMITED',
			429,
			`This session asked for new QR codes too often without being scanned. Try again in ${retryAfterSeconds} seconds.`,
			{ retryAfterSeconds },
		);
	}
}

export class SessionNotRunningError extends SidecarError {
	constructor(id: string, status: string) {
		super('SESSION_NOT_RUNNING', 409, `The session "${id}" has no browser running (it is ${status}). Start it first.`, {
			status,
		});
	}
}

export class BrowserUnavailableError extends SidecarError {
	constructor(message: string) {
		super('BROWSER_NOT_FOUND', 503, message);
	}
}
