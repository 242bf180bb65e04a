import type { SidecarEvent, SidecarEventType } from '../events/EventBus';

/** What a subscriber can narrow its events by (all optional: no filter, everything). */
export interface SubscriptionFilters {
	/** true: only this account's own messages; false: only others'. */
	fromMe?: boolean;
	/** false: leave out group chats. */
	groups?: boolean;
	/** Only these chats (`…@c.us`, `…@g.us`). */
	chats?: string[];
	/** For message status events: only these statuses (sent, delivered, read, played, failed, undelivered, …). */
	ackStatuses?: string[];
}

export interface Subscription {
	id: string;
	url: string;
	events: Array<SidecarEventType | '*'>;
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

/** The chat an event concerns: deliveries for one chat keep their order. Session events share one lane. */
export function chatOf(event: SidecarEvent): string {
	const p = event.payload;
	const chat = typeof p.chatId === 'string' ? p.chatId : typeof p.to === 'string' ? p.to : 'session';
	return `${event.session}|${chat}`;
}

export function matches(subscription: Subscription, event: SidecarEvent): boolean {
	if (!subscription.events.includes('*') && !subscription.events.includes(event.type)) return false;
	if (subscription.sessions && !subscription.sessions.includes(event.session)) return false;
	const f = subscription.filters;
	const p = event.payload;
	const chat = typeof p.chatId === 'string' ? p.chatId : typeof p.to === 'string' ? p.to : undefined;
	if (f.fromMe !== undefined && event.type === 'message' && p.fromMe !== f.fromMe) return false;
	if (f.groups === false && chat?.endsWith('@g.us')) return false;
	if (f.chats?.length && (!chat || !f.chats.includes(chat))) return false;
	if (f.ackStatuses?.length && event.type.startsWith('message.') && !f.ackStatuses.includes(String(p.status))) return false;
	return true;
}
