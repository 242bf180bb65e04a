import type { ErrorCode } from '../contract';

/**
 * Every failure the sidecar reports has its own class with a stable `code` from
 * the contract (what clients and the n8n nodes branch on), a message written for
 * a no-code user reading it in n8n, optional `details` for programs, and the
 * `cause` it came from. It carries no HTTP status: the HTTP layer maps codes to
 * statuses in one table (http/errorStatus.ts), and the same error can be kept
 * on a message job, where there is no HTTP at all.
 */
export class SidecarError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly details?: unknown,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = new.target.name;
	}
}
