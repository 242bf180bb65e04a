import type { Logger } from '../logger';
import type { EngineEvent, WhatsAppEngine } from './engine/Engine';
import type { Watchdog } from './Watchdog';

/**
 * The engine a session runs now, and its watchdog. Every engine gets a
 * generation, and letting go of it starts the next one: whatever an old browser
 * still says arrives tagged with its old generation and is ignored.
 */
export class EngineSlot {
	private generation = 0;
	private engine?: WhatsAppEngine;
	private watchdog?: Watchdog;

	constructor(private readonly log: Logger) {}

	get current(): WhatsAppEngine | undefined {
		return this.engine;
	}

	isCurrent(generation: number): boolean {
		return generation === this.generation;
	}

	/** Runs `engine` from now on; its events reach `onEvent` with its generation. */
	attach(engine: WhatsAppEngine, onEvent: (generation: number, event: EngineEvent) => void): number {
		const generation = ++this.generation;
		this.engine = engine;
		engine.onEvent((event) => onEvent(generation, event));
		return generation;
	}

	/** Watches the engine (from READY) until it is let go. */
	watch(watchdog: Watchdog): void {
		this.watchdog = watchdog;
		watchdog.start();
	}

	/** A connection state the library reported (the watchdog counts it as an observation). */
	noteState(state: string): void {
		this.watchdog?.noteState(state);
	}

	/** Probes the page now instead of at the next interval. */
	probeNow(): void {
		this.watchdog?.probeNow();
	}

	/** Lets go of the engine (its later events are ignored from now on); the caller stops it. */
	detach(): WhatsAppEngine | undefined {
		this.generation += 1;
		this.watchdog?.stop();
		this.watchdog = undefined;
		const engine = this.engine;
		this.engine = undefined;
		return engine;
	}

	/** Stops an engine let go of; bounded, since the engine kills its browser when destroy() hangs. */
	async stop(engine: WhatsAppEngine | undefined): Promise<void> {
		if (!engine) return;
		const outcome = await engine.stop();
		if (!outcome.destroyed) this.log.warn(outcome, 'destroy() did not finish in time; the browser was killed');
	}
}
