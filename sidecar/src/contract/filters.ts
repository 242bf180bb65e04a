import type { AnnouncedJobStatus } from './events';

/** What a subscriber can narrow its events by (all optional: no filter, everything). */
export interface SubscriptionFilters {
	/** true: only this account's own messages; false: only others'. `message` events, and reactions, edits, deletions and votes (who did them). */
	fromMe?: boolean;
	/** false: leave out group chats (and group calls). */
	groups?: boolean;
	/** Only these chats (`…@c.us`, `…@g.us`). */
	chats?: string[];
	/** Message status events: only these statuses. */
	ackStatuses?: AnnouncedJobStatus[];
}

export const FILTER_NAMES = ['fromMe', 'groups', 'chats', 'ackStatuses'] as const satisfies ReadonlyArray<keyof SubscriptionFilters>;

/** What a subscription is, apart from where it goes and its secret. */
export interface SubscriptionSpec {
	events: string[];
	/** Empty or null: every session. */
	sessions: string[] | null;
	filters: SubscriptionFilters;
}

/**
 * One canonical text per meaning: order, repeats, absent and empty values do
 * not count. The triggers compare what they registered with what the sidecar
 * reports by it.
 */
export function subscriptionKey(spec: SubscriptionSpec): string {
	const sorted = (values: unknown) => (Array.isArray(values) ? [...new Set(values.map(String))].sort() : []);
	const f = spec.filters ?? {};
	return JSON.stringify({
		events: sorted(spec.events),
		sessions: sorted(spec.sessions),
		fromMe: typeof f.fromMe === 'boolean' ? f.fromMe : null,
		groups: typeof f.groups === 'boolean' ? f.groups : null,
		chats: sorted(f.chats),
		ackStatuses: sorted(f.ackStatuses),
	});
}
