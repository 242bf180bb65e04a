import { chatOfEvent, jobOfEvent, sessionsOfEvent, type EventEnvelope, type EventSelector, type JobStatus, type SubscriptionFilters } from '../contract';

export type { SubscriptionFilters };

export interface Subscription {
	id: string;
	url: string;
	events: EventSelector[];
	/** null: every session. */
	sessions: string[] | null;
	filters: SubscriptionFilters;
	/** The HMAC key; never shown again after creation. */
	secret: string;
	createdAt: string;
}

/** What the API shows (without the secret). */
export function subscriptionView(subscription: Subscription) {
	const { secret: _secret, ...rest } = subscription;
	return rest;
}

/** The lane an event is delivered in: deliveries for one chat keep their order. Session events share one lane. */
export function chatOf(event: EventEnvelope): string {
	return `${event.session}|${chatOfEvent(event) ?? 'session'}`;
}

export function matches(subscription: Subscription, event: EventEnvelope): boolean {
	if (!subscription.events.includes('*') && !subscription.events.includes(event.type)) return false;
	if (subscription.sessions && !sessionsOfEvent(event).some((session) => subscription.sessions!.includes(session))) return false;
	const f = subscription.filters;
	const chat = chatOfEvent(event);
	// Messages and what is done to them (reactions, edits, deletions, votes) say whether this account did it.
	const fromMe = 'fromMe' in event.payload ? event.payload.fromMe : undefined;
	if (f.fromMe !== undefined && typeof fromMe === 'boolean' && fromMe !== f.fromMe) return false;
	if (f.groups === false && (chat?.endsWith('@g.us') || (event.type === 'call' && event.payload.isGroup))) return false;
	if (f.chats?.length && !chatAddresses(event, chat).some((address) => f.chats!.includes(address))) return false;
	const job = jobOfEvent(event);
	if (f.ackStatuses?.length && job && !(f.ackStatuses as readonly JobStatus[]).includes(job.status)) return false;
	return true;
}

/**
 * The addresses a chat filter may name an event's chat by: its id, and for a message
 * also the person's phone chat and LID (a chat WhatsApp moved to a LID still matches
 * the phone number a workflow filters on).
 */
function chatAddresses(event: EventEnvelope, chat: string | undefined): string[] {
	const addresses = chat ? [chat] : [];
	if (event.type === 'call') {
		// A call's chat is the caller: their phone chat and LID name it too.
		if (event.payload.fromPhone) addresses.push(`${event.payload.fromPhone}@c.us`);
		if (event.payload.fromLid) addresses.push(event.payload.fromLid);
	} else if ('chatPhone' in event.payload) {
		// Messages, and what people do to them (reactions, edits, deletions, votes).
		if (event.payload.chatPhone) addresses.push(`${event.payload.chatPhone}@c.us`);
		if (event.payload.chatLid) addresses.push(event.payload.chatLid);
	}
	return addresses;
}
