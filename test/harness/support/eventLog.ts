import type { EventEmitter } from 'events';

// Event arguments are whatever the emitter passes (a Message, an ack number…);
// tests name their types in the predicate.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventPredicate = (...args: any[]) => boolean;

export interface LoggedEvent {
	name: string;
	args: unknown[];
	at: number;
}

/**
 * Records every event an emitter fires, in order, and lets a test wait for one:
 * `await log.next('ready')` resolves with the first matching event not yet taken,
 * whether it fired before or after the call.
 */
export class EventLog {
	readonly events: LoggedEvent[] = [];
	private readonly taken = new Set<LoggedEvent>();
	private readonly waiters = new Set<() => void>();

	record(name: string, args: unknown[]): void {
		this.events.push({ name, args, at: Date.now() });
		for (const wake of [...this.waiters]) wake();
	}

	attach(emitter: EventEmitter, names: string[], prefix = ''): void {
		for (const name of names) emitter.on(name, (...args: unknown[]) => this.record(prefix + name, args));
	}

	names(): string[] {
		return this.events.map((e) => e.name);
	}

	all(name: string): LoggedEvent[] {
		return this.events.filter((e) => e.name === name);
	}

	/** The first `name` event (matching `where`) not returned by an earlier `next`, waiting up to `timeoutMs`. */
	next(name: string, where: EventPredicate = () => true, timeoutMs = 60_000): Promise<unknown[]> {
		const find = () => this.events.find((e) => e.name === name && !this.taken.has(e) && where(...e.args));
		return new Promise((resolve, reject) => {
			const check = () => {
				const event = find();
				if (!event) return false;
				this.taken.add(event);
				cleanup();
				resolve(event.args);
				return true;
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`no "${name}" event within ${timeoutMs} ms; events so far: ${this.names().join(', ')}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.waiters.delete(check);
			};
			this.waiters.add(check);
			check();
		});
	}
}
