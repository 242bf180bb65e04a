import { randomUUID } from 'crypto';
import type { EventOptions } from '../config';
import { WebhookNotFoundError } from '../errors';
import type { EventEnvelope } from '../contract';
import type { EventBus } from '../events/EventBus';
import type { Logger } from '../logger';
import type { Resolver } from '../net/checkedLookup';
import type { DeliveryStore } from '../storage/DeliveryStore';
import { deliveryView, type Delivery } from './Delivery';
import { Dispatcher, type Post } from './Dispatcher';
import { httpPost } from './httpPost';
import { checkNewWebhookUrl } from './webhookUrl';
import type { AttemptOutcome } from './retryPolicy';
import { chatOf, matches, subscriptionView, type Subscription, type SubscriptionFilters } from './Subscription';

export interface DeliveryMetrics {
	attempt(outcome: AttemptOutcome): void;
	delivered(latencyMs: number): void;
}

export interface WebhookServiceDeps {
	store: DeliveryStore;
	bus: EventBus;
	options: EventOptions;
	logger: Logger;
	metrics?: DeliveryMetrics;
	/** Tests replace the HTTP client. */
	post?: Post;
	/** Resolves receivers' host names (DNS by default); tests make names resolve to any address. */
	lookup?: Resolver;
	random?: () => number;
}

export interface NewSubscription {
	url: string;
	events: Subscription['events'];
	sessions?: string[];
	filters?: SubscriptionFilters;
	secret: string;
}

interface Stats {
	delivered: number;
	failedAttempts: number;
	lastDeliveredAt?: string;
	lastError?: string;
}

/**
 * Event delivery to subscribers (the n8n triggers): every published event that
 * matches a subscription becomes a delivery, written to SQLite before the first
 * attempt; the Dispatcher makes them, in order per chat, with retries; what
 * runs out of attempts becomes a dead letter that can be replayed.
 */
export class WebhookService {
	private readonly subscriptions = new Map<string, Subscription>();
	private readonly dead = new Map<string, Map<string, Delivery>>();
	private readonly stats = new Map<string, Stats>();
	private readonly dispatcher: Dispatcher;
	private unsubscribe?: () => void;
	private seq = 0;
	private intake: Promise<void> = Promise.resolve();
	private pruneTimer?: NodeJS.Timeout;
	private readonly log: Logger;

	constructor(private readonly deps: WebhookServiceDeps) {
		this.log = deps.logger.child({ component: 'webhooks' });
		this.dispatcher = new Dispatcher({
			retry: deps.options.webhook,
			timeoutMs: deps.options.webhook.timeoutMs,
			concurrency: deps.options.webhook.concurrency,
			post: deps.post ?? ((url, body, headers, timeoutMs) => httpPost(url, body, headers, timeoutMs, deps.lookup)),
			subscription: (id) => this.subscriptions.get(id),
			// Memory already holds the outcome; a write that fails (full disk) only costs what a restart would redo.
			settled: (delivery, outcome, latencyMs) =>
				this.settled(delivery, outcome, latencyMs).catch((error) =>
					this.log.error({ err: error, delivery: delivery.id }, 'could not record a delivery attempt'),
				),
			random: deps.random,
		});
	}

	/** Loads subscriptions, deliveries left from the last run and dead letters; then listens to the bus. */
	async boot(): Promise<void> {
		const loaded = await this.deps.store.load();
		for (const s of loaded.subscriptions) this.subscriptions.set(s.id, s);
		// Left by a subscription removed while they were being written: nobody to deliver them to.
		const known = (d: Delivery) => this.subscriptions.has(d.subscriptionId);
		for (const d of loaded.pending.filter((d) => !known(d))) await this.deps.store.removePending(d.id);
		for (const d of loaded.dead.filter((d) => !known(d))) await this.deps.store.removeDead(d.id);
		const pending = loaded.pending.filter(known);
		const dead = loaded.dead.filter(known);
		for (const d of dead) this.deadOf(d.subscriptionId).set(d.id, d);
		pending.sort((a, b) => a.seq - b.seq);
		// Not Math.max(...): spreading a long backlog (~150k deliveries) overflows the stack.
		this.seq = [...pending, ...dead].reduce((max, d) => Math.max(max, d.seq), 0);
		for (const d of pending) this.dispatcher.add(d);
		this.unsubscribe = this.deps.bus.subscribe((event) => {
			// One after another: a later event must not reach the schedule before an earlier one.
			this.intake = this.intake.then(() => this.onEvent(event));
		});
		this.pruneTimer = setInterval(() => void this.pruneDead(), 3_600_000);
		this.pruneTimer.unref();
		if (pending.length) this.log.info({ pending: pending.length }, 'resuming webhook deliveries from the last run');
	}

	/** Refuses a URL that is malformed, too long, carries a password or leads to a blocked address (webhookUrl.ts). */
	async create(input: NewSubscription): Promise<Subscription> {
		await checkNewWebhookUrl(input.url, this.deps.lookup);
		const subscription: Subscription = {
			id: `wh_${randomUUID()}`,
			url: input.url,
			events: input.events,
			sessions: input.sessions?.length ? input.sessions : null,
			filters: input.filters ?? {},
			secret: input.secret,
			createdAt: new Date().toISOString(),
		};
		await this.deps.store.saveSubscription(subscription);
		this.subscriptions.set(subscription.id, subscription);
		return subscription;
	}

	list() {
		return [...this.subscriptions.values()].map((s) => this.view(s));
	}

	get(id: string) {
		return this.view(this.require(id));
	}

	async delete(id: string): Promise<void> {
		this.require(id);
		await this.remove(id);
	}

	deadLetters(id: string) {
		this.require(id);
		return [...this.deadOf(id).values()].sort((a, b) => a.seq - b.seq).map(deliveryView);
	}

	/** Sends dead letters again (all, or the given delivery ids), each with fresh attempts, in their original order. */
	async replay(id: string, ids?: string[]): Promise<number> {
		this.require(id);
		const letters = [...this.deadOf(id).values()].filter((d) => !ids || ids.includes(d.id)).sort((a, b) => a.seq - b.seq);
		for (const letter of letters) {
			this.deadOf(id).delete(letter.id);
			Object.assign(letter, { attempts: 0, nextAttemptAt: Date.now(), deadAt: undefined });
			await this.deps.store.revive(letter);
			this.dispatcher.add(letter);
		}
		return letters.length;
	}

	async close(): Promise<void> {
		this.unsubscribe?.();
		await this.intake;
		clearInterval(this.pruneTimer);
		await this.dispatcher.stop();
		await this.deps.store.flush();
	}

	/** Persist first, then schedule: an event on disk survives a crash before its first attempt. */
	private async onEvent(event: EventEnvelope): Promise<void> {
		const targets = [...this.subscriptions.values()].filter((s) => matches(s, event));
		for (const subscription of targets) {
			const delivery: Delivery = {
				id: `${event.id}~${subscription.id}`,
				subscriptionId: subscription.id,
				lane: chatOf(event),
				seq: ++this.seq,
				event,
				attempts: 0,
				nextAttemptAt: Date.now(),
				createdAt: Date.now(),
			};
			try {
				await this.deps.store.savePending(delivery);
			} catch (error) {
				// The event happened: deliver it from memory rather than drop it (only a restart before it is delivered loses it).
				this.log.error({ err: error, eventId: event.id }, 'could not store an event for delivery; delivering it from memory');
			}
			this.dispatcher.add(delivery);
		}
	}

	private async settled(delivery: Delivery, outcome: AttemptOutcome, latencyMs: number): Promise<void> {
		this.deps.metrics?.attempt(outcome);
		if (!this.subscriptions.has(delivery.subscriptionId)) {
			// Removed (DELETE, or 410 in another chat) while this attempt was under way: remove() has
			// already cleared its deliveries, so keep nothing of this one (no pending row, no dead letter).
			await this.deps.store.removePending(delivery.id);
			return;
		}
		const stats = this.statsOf(delivery.subscriptionId);
		switch (outcome) {
			case 'delivered':
				stats.delivered += 1;
				stats.lastDeliveredAt = new Date().toISOString();
				this.deps.metrics?.delivered(latencyMs);
				await this.deps.store.removePending(delivery.id);
				return;
			case 'retry':
				stats.failedAttempts += 1;
				stats.lastError = delivery.lastError;
				await this.deps.store.savePending(delivery);
				return;
			case 'dead':
				stats.failedAttempts += 1;
				stats.lastError = delivery.lastError;
				this.log.warn({ delivery: delivery.id, attempts: delivery.attempts, error: delivery.lastError }, 'delivery gave up: dead letter');
				this.deadOf(delivery.subscriptionId).set(delivery.id, delivery);
				await this.deps.store.bury(delivery);
				return;
			case 'gone': {
				const subscription = this.subscriptions.get(delivery.subscriptionId);
				this.log.warn({ subscription: delivery.subscriptionId, url: subscription?.url }, 'receiver answered 410 Gone: subscription removed');
				await this.deps.store.removePending(delivery.id);
				await this.remove(delivery.subscriptionId);
			}
		}
	}

	private async remove(id: string): Promise<void> {
		this.subscriptions.delete(id);
		this.stats.delete(id);
		for (const delivery of this.dispatcher.forget(id)) await this.deps.store.removePending(delivery.id);
		for (const letter of this.deadOf(id).values()) await this.deps.store.removeDead(letter.id);
		this.dead.delete(id);
		await this.deps.store.removeSubscription(id);
	}

	private async pruneDead(): Promise<void> {
		const before = Date.now() - this.deps.options.deadLetterRetentionMs;
		for (const letters of this.dead.values()) {
			for (const letter of letters.values()) {
				if ((letter.deadAt ?? 0) >= before) continue;
				letters.delete(letter.id);
				await this.deps.store.removeDead(letter.id).catch(() => undefined);
			}
		}
	}

	private view(subscription: Subscription) {
		const stats = this.statsOf(subscription.id);
		return {
			...subscriptionView(subscription),
			stats: {
				pending: this.dispatcher.pendingCount(subscription.id),
				deadLetters: this.deadOf(subscription.id).size,
				delivered: stats.delivered,
				failedAttempts: stats.failedAttempts,
				lastDeliveredAt: stats.lastDeliveredAt ?? null,
				lastError: stats.lastError ?? null,
			},
		};
	}

	private require(id: string): Subscription {
		const subscription = this.subscriptions.get(id);
		if (!subscription) throw new WebhookNotFoundError(id);
		return subscription;
	}

	private deadOf(id: string): Map<string, Delivery> {
		let letters = this.dead.get(id);
		if (!letters) this.dead.set(id, (letters = new Map()));
		return letters;
	}

	private statsOf(id: string): Stats {
		let stats = this.stats.get(id);
		if (!stats) this.stats.set(id, (stats = { delivered: 0, failedAttempts: 0 }));
		return stats;
	}
}
