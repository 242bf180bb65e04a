import type { EventEnvelope } from '../contract';

/** One event on its way to one subscription. */
export interface Delivery {
	/** `<event id>~<subscription id>`: stable, so a receiver can drop repeats by the event id. */
	id: string;
	subscriptionId: string;
	/** Deliveries with the same lane (subscription + chat) arrive in `seq` order. */
	lane: string;
	seq: number;
	event: EventEnvelope;
	attempts: number;
	nextAttemptAt: number;
	lastError?: string;
	lastStatus?: number;
	createdAt: number;
	deadAt?: number;
}

export function deliveryView(delivery: Delivery) {
	return {
		id: delivery.id,
		eventId: delivery.event.id,
		type: delivery.event.type,
		session: delivery.event.session,
		attempts: delivery.attempts,
		lastStatus: delivery.lastStatus ?? null,
		lastError: delivery.lastError ?? null,
		createdAt: new Date(delivery.createdAt).toISOString(),
		deadAt: delivery.deadAt ? new Date(delivery.deadAt).toISOString() : null,
		event: delivery.event,
	};
}
