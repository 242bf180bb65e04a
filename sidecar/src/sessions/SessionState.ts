import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import type { AccountInfo } from './engine/Engine';
import { configView } from './configView';
import type { SessionConfig, SessionFailure, SessionRecord, SessionStatus } from './SessionStatus';
import { StatusLog } from './StatusLog';

export interface SessionStateDeps {
	persist(record: SessionRecord): void;
	events: DomainEvents;
	logger: Logger;
}

/**
 * What is known and kept of one session: its status (a reason code, with the
 * detail beside it) and history, its last failure, the linked account, and
 * whether it should run. Each change is persisted; each status change is told
 * (`session.status`).
 */
export class SessionState {
	/** Whether the session should run; on boot, sessions meant to run start again. */
	desired: SessionRecord['desired'];
	private readonly statusLog: StatusLog;
	private linked?: SessionRecord['account'];
	private lastFailure?: SessionFailure;

	constructor(
		private readonly record: SessionRecord,
		private readonly deps: SessionStateDeps,
	) {
		// Only a logout or a refusal survives a sidecar restart; anything else was running and is not now.
		const kept = record.status === 'LOGGED_OUT' || record.status === 'FAILED' ? record.status : 'STOPPED';
		this.statusLog = new StatusLog(kept, record.reason, record.detail, record.history);
		this.desired = record.desired;
		this.linked = record.account;
		this.lastFailure = record.lastError;
	}

	get status(): SessionStatus {
		return this.statusLog.status;
	}

	get reason(): string | undefined {
		return this.statusLog.reason;
	}

	get account(): SessionRecord['account'] {
		return this.linked;
	}

	get config(): SessionConfig {
		return this.record.config;
	}

	setConfig(config: SessionConfig): void {
		this.record.config = config;
		this.deps.persist(this.toRecord());
	}

	change(to: SessionStatus, reason?: string, detail?: string): void {
		const { from } = this.statusLog.change(to, reason, detail);
		this.deps.logger.info({ from, to, reason, detail }, 'status');
		this.deps.persist(this.toRecord());
		const session = this.record.id;
		this.deps.events.emit({ type: 'session.status', session, status: to, from, reason: reason ?? null, detail: detail ?? null });
	}

	/** What `lastError` shows: the last failure restarted from or given up on, kept after the session recovers. */
	noteFailure(reason: string, detail?: string): void {
		this.lastFailure = { reason, detail: detail ?? null, at: new Date().toISOString() };
	}

	/** The account logged in; the same account restoring keeps its link date, a new QR link starts a new one. */
	link(account: AccountInfo): void {
		const linkedAt = this.linked?.wid === account.wid ? this.linked.linkedAt : undefined;
		this.linked = { ...account, linkedAt: linkedAt ?? new Date().toISOString() };
	}

	unlink(): void {
		this.linked = undefined;
	}

	view() {
		return {
			status: this.statusLog.status,
			reason: this.statusLog.reason ?? null,
			detail: this.statusLog.detail ?? null,
			lastError: this.lastFailure ?? null,
			desired: this.desired,
			config: configView(this.record.config),
			account: this.linked ?? null,
		};
	}

	history() {
		return this.statusLog.history();
	}

	toRecord(): SessionRecord {
		return {
			...this.record,
			desired: this.desired,
			status: this.statusLog.status,
			reason: this.statusLog.reason,
			detail: this.statusLog.detail,
			lastError: this.lastFailure,
			history: this.statusLog.history(),
			account: this.linked,
		};
	}
}
