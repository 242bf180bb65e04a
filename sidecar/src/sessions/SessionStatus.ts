import { RUNNING_SESSION_STATUSES, type SessionStatus } from '../contract';

export type { SessionStatus };
export type { SessionConfig, SessionFailure, SessionRecord, StatusChange } from '../storage/records';

/** Statuses in which a browser is (or is being) launched for the session. */
export const RUNNING_STATUSES: ReadonlySet<SessionStatus> = new Set(RUNNING_SESSION_STATUSES);
