import { RUNNING_SESSION_STATUSES, type SessionStatus } from '../contract';
import type { PacingInput } from '../sending/pacing/PacingConfig';

export type { SessionStatus };

/** Statuses in which a browser is (or is being) launched for the session. */
export const RUNNING_STATUSES: ReadonlySet<SessionStatus> = new Set(RUNNING_SESSION_STATUSES);

export interface StatusChange {
	at: string;
	from: SessionStatus;
	to: SessionStatus;
	reason?: string;
}

export interface SessionConfig {
	/** What to do when WhatsApp is opened in another browser: wait it out, or take the session back. */
	conflictPolicy?: 'wait' | 'takeover';
	/** How this session's messages are paced (sending/pacing/PacingConfig.ts); defaults apply for what is missing. */
	pacing?: PacingInput;
}

/** What the registry keeps per session (survives restarts of the sidecar). */
export interface SessionRecord {
	id: string;
	config: SessionConfig;
	/** Whether the session should run; on boot, sessions meant to run start again. */
	desired: 'running' | 'stopped';
	status: SessionStatus;
	reason?: string;
	history: StatusChange[];
	/** `linkedAt`: when this account was linked through a QR (ISO time). */
	account?: { wid: string; pushname?: string; platform?: string; linkedAt?: string };
	createdAt: string;
}
