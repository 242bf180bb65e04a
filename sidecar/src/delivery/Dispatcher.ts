import type { Delivery } from './Delivery';
import { outcomeOf, retryDelay, type AttemptOutcome, type RetryOptions } from './retryPolicy';
import { HEADERS, sign } from '../contract';
import type { Subscription } from './Subscription';

/** What one HTTP attempt returned: a status, or none (network error, timeout). */
export interface PostResult {
	status?: number;
	retryAfterMs?: number;
	error?: string;
}

export type Post = (url: string, body: string, headers: Record<string, string>, timeoutMs: number) => Promise<PostResult>;

export interface DispatcherDeps {
	retry: RetryOptions;
	timeoutMs: number;
	/** Deliveries under way at once per subscription (each for a different lane). */
	concurrency: number;
	post: Post;
	subscription(id: string): Subscription | undefined;
	/** The attempt's result, already applied to the delivery; the owner persists and counts. */
	settled(delivery: Delivery, outcome: AttemptOutcome, latencyMs: number): Promise<void>;
	random?: () => number;
}

/**
 * Makes the deliveries: per subscription, one lane per chat, each lane strictly
 * in order (its head must be delivered or dead before the next goes), lanes in
 * parallel up to the concurrency. One timer wakes it at the next due attempt.
 */
export class Dispatcher {
	/** subscription id → lane → deliveries by seq. */
	private readonly lanes = new Map<string, Map<string, Delivery[]>>();
	private readonly busy = new Map<string, Set<string>>();
	private timer?: NodeJS.Timeout;
	private timerAt = Infinity;
	private stopped = false;
	private readonly running = new Set<Promise<void>>();

	constructor(private readonly deps: DispatcherDeps) {}

	add(delivery: Delivery): void {
		let lanes = this.lanes.get(delivery.subscriptionId);
		if (!lanes) this.lanes.set(delivery.subscriptionId, (lanes = new Map()));
		const lane = lanes.get(delivery.lane) ?? [];
		// Usually appended; a replayed dead letter goes back to its place.
		let i = lane.length;
		while (i > 0 && lane[i - 1].seq > delivery.seq) i--;
		lane.splice(i, 0, delivery);
		lanes.set(delivery.lane, lane);
		this.kick();
	}

	/** Drops a subscription's deliveries from the schedule (it was deleted or is gone). */
	forget(subscriptionId: string): Delivery[] {
		const lanes = this.lanes.get(subscriptionId);
		this.lanes.delete(subscriptionId);
		return lanes ? [...lanes.values()].flat() : [];
	}

	pendingCount(subscriptionId: string): number {
		return [...(this.lanes.get(subscriptionId)?.values() ?? [])].reduce((sum, lane) => sum + lane.length, 0);
	}

	/** Stops scheduling and waits for attempts under way (each is bounded by the timeout). */
	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		await Promise.all(this.running);
	}

	/** Runs a scheduling round soon (coalesced). */
	kick(): void {
		this.arm(Date.now());
	}

	private arm(at: number): void {
		if (this.stopped || at >= this.timerAt) return;
		clearTimeout(this.timer);
		this.timerAt = at;
		this.timer = setTimeout(() => this.round(), Math.max(0, at - Date.now()));
	}

	private round(): void {
		this.timerAt = Infinity;
		this.timer = undefined;
		if (this.stopped) return;
		const now = Date.now();
		let next = Infinity;
		for (const [subscriptionId, lanes] of this.lanes) {
			const busy = this.busy.get(subscriptionId) ?? new Set<string>();
			this.busy.set(subscriptionId, busy);
			for (const [laneKey, lane] of lanes) {
				const head = lane[0];
				if (!head || busy.has(laneKey)) continue;
				if (head.nextAttemptAt > now) {
					next = Math.min(next, head.nextAttemptAt);
					continue;
				}
				if (busy.size >= this.deps.concurrency) break;
				busy.add(laneKey);
				const run = this.attempt(head).finally(() => {
					busy.delete(laneKey);
					this.running.delete(run);
					this.kick();
				});
				this.running.add(run);
			}
		}
		if (next < Infinity) this.arm(next);
	}

	private async attempt(delivery: Delivery): Promise<void> {
		const subscription = this.deps.subscription(delivery.subscriptionId);
		if (!subscription) {
			this.removeHead(delivery);
			return;
		}
		const body = JSON.stringify(delivery.event);
		const timestamp = Math.floor(Date.now() / 1000);
		const headers = {
			'content-type': 'application/json',
			'user-agent': 'whatsapp-sidecar',
			[HEADERS.eventId]: delivery.event.id,
			[HEADERS.eventType]: delivery.event.type,
			[HEADERS.timestamp]: String(timestamp),
			[HEADERS.signature]: sign(subscription.secret, timestamp, body),
			[HEADERS.attempt]: String(delivery.attempts + 1),
		};
		const result = await this.deps.post(subscription.url, body, headers, this.deps.timeoutMs);
		delivery.attempts += 1;
		delivery.lastStatus = result.status;
		delivery.lastError = result.error ?? (result.status && result.status >= 300 ? `HTTP ${result.status}` : undefined);
		let outcome = outcomeOf(result.status, delivery.attempts);
		if (outcome === 'retry' && delivery.attempts >= this.deps.retry.attempts) outcome = 'dead';
		if (outcome === 'retry') {
			delivery.nextAttemptAt = Date.now() + retryDelay(delivery.attempts, this.deps.retry, this.deps.random, result.retryAfterMs);
		} else {
			this.removeHead(delivery);
			if (outcome === 'dead') delivery.deadAt = Date.now();
		}
		await this.deps.settled(delivery, outcome, Date.now() - Date.parse(delivery.event.timestamp));
	}

	private removeHead(delivery: Delivery): void {
		const lanes = this.lanes.get(delivery.subscriptionId);
		const lane = lanes?.get(delivery.lane);
		if (!lane) return;
		const index = lane.indexOf(delivery);
		if (index >= 0) lane.splice(index, 1);
		if (lane.length === 0) lanes!.delete(delivery.lane);
	}
}
