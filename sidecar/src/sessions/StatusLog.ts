import type { SessionStatus, StatusChange } from './SessionStatus';

const HISTORY_LIMIT = 100;

/** A session's status, why it has it, and the last changes (time, from, to, reason). */
export class StatusLog {
	private current: SessionStatus;
	private why?: string;
	private readonly changes: StatusChange[];

	constructor(initial: SessionStatus, reason: string | undefined, history: StatusChange[]) {
		this.current = initial;
		this.why = reason;
		this.changes = [...history];
	}

	get status(): SessionStatus {
		return this.current;
	}

	get reason(): string | undefined {
		return this.why;
	}

	history(): StatusChange[] {
		return [...this.changes];
	}

	change(to: SessionStatus, reason?: string): StatusChange {
		const change = { at: new Date().toISOString(), from: this.current, to, reason };
		this.current = to;
		this.why = reason;
		this.changes.push(change);
		if (this.changes.length > HISTORY_LIMIT) this.changes.splice(0, this.changes.length - HISTORY_LIMIT);
		return change;
	}
}
