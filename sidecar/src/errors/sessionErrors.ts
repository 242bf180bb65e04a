import { SESSION_ID_RULE } from '../contract';
import { SidecarError } from './SidecarError';

/** Sessions: their ids, their existence and limits, their QR codes and browsers. */

export class SessionIdInvalidError extends SidecarError {
	constructor(id: string) {
		super(
			'SESSION_ID_INVALID',
			`"${id}" cannot be a session id: ${SESSION_ID_RULE}.`,
		);
	}
}

export class SessionNotFoundError extends SidecarError {
	constructor(id: string) {
		super('SESSION_NOT_FOUND', `There is no session "${id}". Create it first (POST /api/sessions).`);
	}
}

export class SessionExistsError extends SidecarError {
	constructor(id: string) {
		super('SESSION_EXISTS', `A session "${id}" already exists.`);
	}
}

export class SessionLimitReachedError extends SidecarError {
	constructor(max: number) {
		super(
			'SESSION_LIMIT_REACHED',
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
		super('QR_NOT_AVAILABLE', `There is no QR code right now (the session is ${status}). ${hint}`, { status });
	}
}

export class QrRateLimitedError extends SidecarError {
	constructor(retryAfterSeconds: number) {
		super(
			'QR_RATE_LIMITED',
			`This session asked for new QR codes too often without being scanned. Try again in ${retryAfterSeconds} seconds.`,
			{ retryAfterSeconds },
		);
	}
}

export class SessionNotRunningError extends SidecarError {
	constructor(id: string, status: string) {
		// While it starts (or waits to start again), WhatsApp Web's page is not there yet: no need to start it.
		const message =
			status === 'STARTING' || status === 'RECONNECTING'
				? `The session "${id}" is ${status === 'STARTING' ? 'still starting' : 'about to restart'} (${status}); its WhatsApp Web page is not there yet. Try again in a moment.`
				: `The session "${id}" has no browser running (it is ${status}). Start it first.`;
		super('SESSION_NOT_RUNNING', message, { status });
	}
}

export class BrowserUnavailableError extends SidecarError {
	constructor(message: string) {
		super('BROWSER_NOT_FOUND', message);
	}
}
