import type { Keyv } from 'keyv';
import type { Delivery } from '../delivery/Delivery';
import type { Subscription } from '../delivery/Subscription';
import type { Database } from './database';
import type { KeyedWrites } from './KeyedWrites';

/**
 * Webhook state in SQLite: subscriptions, deliveries still to make (each holds
 * its whole event, written before the first attempt), and dead letters.
 */
export class DeliveryStore {
	private readonly subscriptions: Keyv<Subscription>;
	private readonly pending: Keyv<Delivery>;
	private readonly dead: Keyv<Delivery>;
	private readonly writes: KeyedWrites;

	constructor(database: Database) {
		this.writes = database.writes();
		this.subscriptions = database.namespace<Subscription>('webhooks');
		this.pending = database.namespace<Delivery>('deliveries');
		this.dead = database.namespace<Delivery>('dead-letters');
	}

	async load(): Promise<{ subscriptions: Subscription[]; pending: Delivery[]; dead: Delivery[] }> {
		const all = async <T>(keyv: Keyv<T>) => {
			const values: T[] = [];
			for await (const [, value] of keyv.iterator!(undefined)) values.push(value as T);
			return values;
		};
		return { subscriptions: await all(this.subscriptions), pending: await all(this.pending), dead: await all(this.dead) };
	}

	saveSubscription(subscription: Subscription): Promise<void> {
		return this.writes.run(`s:${subscription.id}`, () => this.subscriptions.set(subscription.id, subscription));
	}

	removeSubscription(id: string): Promise<void> {
		return this.writes.run(`s:${id}`, () => this.subscriptions.delete(id));
	}

	savePending(delivery: Delivery): Promise<void> {
		const snapshot = structuredClone(delivery);
		return this.writes.run(`d:${delivery.id}`, () => this.pending.set(delivery.id, snapshot));
	}

	removePending(id: string): Promise<void> {
		return this.writes.run(`d:${id}`, () => this.pending.delete(id));
	}

	/** Moves a delivery to the dead letters (one write order per delivery id). */
	bury(delivery: Delivery): Promise<void> {
		const snapshot = structuredClone(delivery);
		return this.writes.run(`d:${delivery.id}`, async () => {
			await this.dead.set(delivery.id, snapshot);
			await this.pending.delete(delivery.id);
		});
	}

	/** Moves a dead letter back to the deliveries to make. */
	revive(delivery: Delivery): Promise<void> {
		const snapshot = structuredClone(delivery);
		return this.writes.run(`d:${delivery.id}`, async () => {
			await this.pending.set(delivery.id, snapshot);
			await this.dead.delete(delivery.id);
		});
	}

	removeDead(id: string): Promise<void> {
		return this.writes.run(`d:${id}`, () => this.dead.delete(id));
	}

	flush(): Promise<void> {
		return this.writes.flush();
	}
}
