import { EVENT_OF_JOB_STATUS } from '../contract';
import { jobView } from '../sending/MessageJob';
import type { DomainEvent, DomainEvents, DomainEventType } from './domainEvents';
import type { EventBus, PublishInput } from './EventBus';

/** The domain events that have a wire event. */
const ANNOUNCED: readonly DomainEventType[] = [
	'session.status',
	'session.qr',
	'job.changed',
	'chat.message',
	'session.pairingCode',
	'chat.activity',
	'chat.call',
	'group.event',
	'contact.optOut',
	'campaign.changed',
];

/**
 * The wire event (the contract's envelope, before its id and time) a domain
 * event means, or none. This is the one place wire events are made: a job's
 * status event goes out once per status (`newStatus`), and `sending` and
 * `cancelled` have none.
 */
export function wireEventOf(event: DomainEvent): PublishInput | undefined {
	switch (event.type) {
		case 'session.status':
			return { type: 'session.status', session: event.session, payload: { status: event.status, reason: event.reason, detail: event.detail } };
		case 'session.qr':
			return { type: 'session.qr', session: event.session, payload: { ...event.qr } };
		case 'session.pairingCode':
			return { type: 'session.pairing_code', session: event.session, payload: { ...event.pairing } };
		case 'job.changed': {
			const type = event.newStatus ? EVENT_OF_JOB_STATUS[event.job.status] : undefined;
			return type ? ({ type, session: event.session, payload: jobView(event.job) } as PublishInput) : undefined;
		}
		case 'chat.message':
			return { type: 'message', session: event.session, payload: event.message };
		case 'group.event':
			return { type: event.event.type, session: event.session, payload: event.event.payload } as PublishInput;
		case 'chat.activity':
			return { type: event.activity.event, session: event.session, payload: event.activity.payload } as PublishInput;
		case 'chat.call':
			return { type: 'call', session: event.session, payload: event.call };
		case 'contact.optOut':
			return { type: event.event, session: event.session, payload: event.payload };
		case 'campaign.changed':
			return { type: event.event, session: event.session, payload: event.campaign };
		default:
			return undefined;
	}
}

/** Publishes the wire events of the domain events on the bus (webhooks deliver from there); returns the unsubscribe. */
export function publishWireEvents(events: DomainEvents, bus: EventBus): () => void {
	const publish = (event: DomainEvent) => {
		const wire = wireEventOf(event);
		if (wire) bus.publish(wire);
	};
	const subscriptions = ANNOUNCED.map((type) => events.on(type, publish));
	return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}
