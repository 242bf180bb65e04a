import { withTimeout } from '../util/withTimeout';

export interface WatchdogOptions {
	intervalMs: number;
	timeoutMs: number;
	/** How long WhatsApp Web may stay in a state other than CONNECTED before the session counts as a zombie. */
	notConnectedMs: number;
}

export type Unhealthy = 'WATCHDOG_TIMEOUT' | 'WATCHDOG_PROBE_FAILED' | 'NOT_CONNECTED';

/**
 * Catches sessions that look alive but are not: every `intervalMs` it asks the
 * page for the connection state, with its own time limit. A page that does not
 * answer, or a state that stays away from CONNECTED too long, is reported once.
 */
export class Watchdog {
	private timer?: NodeJS.Timeout;
	private notConnectedSince?: number;
	private running = false;

	constructor(
		private readonly options: WatchdogOptions,
		private readonly probe: (timeoutMs: number) => Promise<{ state: string | null }>,
		private readonly onUnhealthy: (reason: Unhealthy, detail: string) => void,
	) {}

	start(): void {
		this.running = true;
		this.notConnectedSince = undefined;
		this.schedule();
	}

	stop(): void {
		this.running = false;
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** Probes now instead of at the next interval (after a library error somewhere in the process). */
	probeNow(): void {
		if (!this.running) return;
		clearTimeout(this.timer);
		void this.tick();
	}

	/** State changes reported by the library count as observations too. */
	noteState(state: string, now = Date.now()): void {
		if (state === 'CONNECTED') this.notConnectedSince = undefined;
		else this.notConnectedSince ??= now;
	}

	private schedule(): void {
		if (!this.running) return;
		this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
	}

	private async tick(): Promise<void> {
		let state: string | null;
		try {
			// Enforced here too: a probe is only as good as its own time limit.
			({ state } = await withTimeout(this.probe(this.options.timeoutMs), this.options.timeoutMs, 'the liveness probe'));
		} catch (error) {
			if (!this.running) return;
			const message = (error as Error).message;
			this.stop();
			this.onUnhealthy((error as { code?: string }).code === 'TIMEOUT' ? 'WATCHDOG_TIMEOUT' : 'WATCHDOG_PROBE_FAILED', message);
			return;
		}
		if (!this.running) return;
		this.noteState(state ?? 'UNKNOWN');
		const since = this.notConnectedSince;
		if (since !== undefined && Date.now() - since >= this.options.notConnectedMs) {
			this.stop();
			this.onUnhealthy('NOT_CONNECTED', `WhatsApp Web has been ${state ?? 'without a state'} for ${Date.now() - since} ms`);
			return;
		}
		this.schedule();
	}
}
