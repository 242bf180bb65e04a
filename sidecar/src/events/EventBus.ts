import { randomBytes } from 'crypto';
import { EventEmitter } from 'events';
import type { EventEnvelope, EventPayloads, EventType } from '../contract';

/**
 * What happens inside the sidecar that the outside may want to hear about:
 * incoming messages, message statuses from the send queue, session status
 * changes and QRs. Webhook delivery (delivery/) subscribes here; publishing
 * gives every event its envelope: a unique, stable id and a timestamp.
 * Listeners must not throw: they run inside the paths that publish.
 */
export type PublishInput = { [T in EventType]: { type: T; session: string; payload: EventPayloads[T] } }[EventType];

export class EventBus {
	private readonly emitter = new EventEmitter();

	publish(input: PublishInput): EventEnvelope {
		// A copy: publishers pass live objects (a job's history), and a retry must send what happened then.
		const event = { id: eventId(), timestamp: new Date().toISOString(), type: input.type, session: input.session, payload: structuredClone(input.payload) } as EventEnvelope;
		this.emitter.emit('event', event);
		return event;
	}

	subscribe(listener: (event: EventEnvelope) => void): () => void {
		this.emitter.on('event', listener);
		return () => this.emitter.off('event', listener);
	}
}

let lastTime = 0;
let counter = 0;

/**
 * `evt_` + time (ms, base 36) + a per-millisecond counter + random: unique,
 * and sorting by id sorts by publication order within this process.
 */
export function eventId(): string {
	const now = Date.now();
	counter = now === lastTime ? counter + 1 : 0;
	lastTime = now;
	return `evt_${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(3, '0')}${randomBytes(5).toString('hex')}`;
}
