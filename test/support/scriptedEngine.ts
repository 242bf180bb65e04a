import type {
	EngineEvent,
	EngineFactory,
	EngineOptions,
	EngineStopOutcome,
	WhatsAppEngine,
} from '../../sidecar/src/sessions/engine/Engine';

/**
 * An engine the test drives by hand: it records what the supervisor asked of it,
 * and `emit` plays the events a real browser would produce. `start()` resolves at
 * once unless the test sets `startWith` (to fail or to hang).
 */
export class ScriptedEngine implements WhatsAppEngine {
	listener?: (event: EngineEvent) => void;
	started = false;
	stopped = false;
	loggedOut = false;
	/** What start() does: resolve (default), reject, or never settle. */
	startWith: 'resolve' | 'reject' | 'hang' = 'resolve';
	/** What probe() does. */
	probeWith: { state: string } | 'hang' | 'throw' = { state: 'CONNECTED' };
	probes = 0;

	constructor(readonly options: EngineOptions) {}

	onEvent(listener: (event: EngineEvent) => void): void {
		this.listener = listener;
	}

	async start(): Promise<void> {
		this.started = true;
		if (this.startWith === 'reject') throw new Error('scripted start failure');
		if (this.startWith === 'hang') await new Promise(() => undefined);
	}

	async stop(): Promise<EngineStopOutcome> {
		this.stopped = true;
		this.listener = undefined;
		return { destroyed: true, killed: false };
	}

	async logout(): Promise<void> {
		this.loggedOut = true;
		await this.stop();
	}

	async probe(): Promise<{ state: string | null }> {
		this.probes += 1;
		if (this.probeWith === 'hang') return new Promise(() => undefined);
		if (this.probeWith === 'throw') throw new Error('scripted probe failure');
		return this.probeWith;
	}

	async screenshot(): Promise<Buffer> {
		return Buffer.from('89504e470d0a1a0a', 'hex');
	}

	browserPid(): number | undefined {
		return this.stopped ? undefined : 4242;
	}

	listenerCount(): number {
		return this.listener ? 1 : 0;
	}

	emit(event: EngineEvent): void {
		this.listener?.(event);
	}
}

/** A factory that keeps every engine it made, newest last, and lets the test prepare the next one. */
export function scriptedEngines(): {
	factory: EngineFactory;
	engines: ScriptedEngine[];
	latest(): ScriptedEngine;
	prepareNext(setup: (engine: ScriptedEngine) => void): void;
} {
	const engines: ScriptedEngine[] = [];
	let nextSetup: ((engine: ScriptedEngine) => void) | undefined;
	return {
		engines,
		factory: (options) => {
			const engine = new ScriptedEngine(options);
			nextSetup?.(engine);
			engines.push(engine);
			return engine;
		},
		latest: () => engines[engines.length - 1],
		prepareNext: (setup) => {
			nextSetup = setup;
		},
	};
}
