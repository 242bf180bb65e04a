import { EventEmitter } from 'events';

/**
 * What happens inside the sidecar that the outside may want to hear about:
 * message acks and failures from the send queue, session status changes. The
 * HTTP API reads state directly; the event-delivery subsystem (webhooks to n8n)
 * subscribes here. Listeners must not throw: they run inside the send path.
 */
export type SidecarEventType =
	| 'message.queued'
	| 'message.sent'
	| 'message.ack'
	| 'message.undelivered'
	| 'message.failed'
	| 'message.uncertain'
	| 'session.status';

export interface SidecarEvent {
	type: SidecarEventType;
	session: string;
	payload: Record<string, unknown>;
}

export class EventBus {
	private readonly emitter = new EventEmitter();

	publish(event: SidecarEvent): void {
		this.emitter.emit('event', event);
	}

	subscribe(listener: (event: SidecarEvent) => void): () => void {
		this.emitter.on('event', listener);
		return () => this.emitter.off('event', listener);
	}
}
