import type { SessionStatus, StatusChange } from './SessionStatus';

const HISTORY_LIMIT = 100;

/**
 * A session's status, why it has it, and the last changes. The why is a stable
 * code (`reason`) and, beside it, the words it does not carry (`detail`: the
 * library's error message, say), so both clients and people can read it.
 */
export class StatusLog {
	private current: SessionStatus;
	private why?: string;
	private words?: string;
	private readonly changes: StatusChange[];

	constructor(initial: SessionStatus, reason: string | undefined, detail: string | undefined, history: StatusChange[]) {
		this.current = initial;
		this.why = reason;
		this.words = detail;
		this.changes = [...history];
	}

	get status(): SessionStatus {
		return this.current;
	}

	get reason(): string | undefined {
		return this.why;
	}

	get detail(): string | undefined {
		return this.words;
	}

	history(): StatusChange[] {
		return [...this.changes];
	}

	change(to: SessionStatus, reason?: string, detail?: string): StatusChange {
		const change: StatusChange = { at: new Date().toISOString(), from: this.current, to, reason };
		if (detail !== undefined) change.detail = detail;
		this.current = to;
		this.why = reason;
		this.words = detail;
		this.changes.push(change);
		if (this.changes.length > HISTORY_LIMIT) this.changes.splice(0, this.changes.length - HISTORY_LIMIT);
		return change;
	}
}
