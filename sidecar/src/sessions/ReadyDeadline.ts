/**
 * How long a session may go without progress towards READY once its page has
 * loaded. A WhatsApp Web change can leave the library waiting for ever, without an
 * error (the 2026 "stuck at 99%": `ready` never fires): this turns that silence
 * into a failure. Armed when the start returns (restoring a login) or on a sign of
 * progress (the QR was scanned and the page syncs, `authenticated`); off while a
 * QR waits for a person, and once READY. One per engine run.
 */
export class ReadyDeadline {
	private timer?: NodeJS.Timeout;
	private waitingForScan = false;

	constructor(
		/** 0 turns it off. */
		readonly ms: number,
		private readonly onExpiry: () => void,
	) {}

	/** The engine's start returned: the page loaded and the library is attached. */
	started(): void {
		if (!this.waitingForScan) this.arm();
	}

	/** A QR is shown: a person has to act, however long that takes (QR_TIMEOUT bounds it). */
	qrShown(): void {
		this.waitingForScan = true;
		this.disarm();
	}

	/** Loading progress or a login: the clock starts again. */
	progress(): void {
		this.waitingForScan = false;
		this.arm();
	}

	/** READY, or the run ended. */
	stop(): void {
		this.disarm();
	}

	private arm(): void {
		this.disarm();
		if (this.ms > 0) this.timer = setTimeout(this.onExpiry, this.ms);
	}

	private disarm(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}
}
