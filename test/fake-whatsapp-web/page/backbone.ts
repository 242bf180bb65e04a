// A small Backbone: the event and model semantics WhatsApp Web's stores have and
// whatsapp-web.js relies on. `on` takes space-separated names, `change:x` handlers
// get (model, value, previous), collections re-emit their models' events, and a
// listener hook (`onListen`) lets the page react when the library subscribes.

type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

class Emitter {
	#listeners = new Map<string, Array<{ fn: Listener; once: boolean }>>();
	#listenHooks: Array<(event: string) => void> = [];

	on(events: string, fn: Listener): this {
		return this.#add(events, fn, false);
	}

	once(events: string, fn: Listener): this {
		return this.#add(events, fn, true);
	}

	off(events?: string, fn?: Listener): this {
		if (!events) {
			this.#listeners.clear();
			return this;
		}
		for (const event of splitEvents(events)) {
			const list = this.#listeners.get(event);
			if (!list) continue;
			this.#listeners.set(event, fn ? list.filter((l) => l.fn !== fn) : []);
		}
		return this;
	}

	trigger(event: string, ...args: unknown[]): this {
		const list = this.#listeners.get(event);
		if (list && list.length) {
			this.#listeners.set(event, list.filter((l) => !l.once));
			for (const { fn } of [...list]) {
				try {
					fn.apply(this, args);
				} catch (error) {
					console.error(`[fake-wa] listener for ${event} threw`, error);
				}
			}
		}
		this.afterTrigger(event, args);
		return this;
	}

	/** Hook for subclasses (models bubble their events to collections). */
	protected afterTrigger(_event: string, _args: unknown[]): void {}

	listenerCount(event: string): number {
		return this.#listeners.get(event)?.length ?? 0;
	}

	/** Called with each event name someone starts listening to. */
	onListen(hook: (event: string) => void): void {
		this.#listenHooks.push(hook);
	}

	#add(events: string, fn: Listener, once: boolean): this {
		for (const event of splitEvents(events)) {
			const list = this.#listeners.get(event) ?? [];
			list.push({ fn, once });
			this.#listeners.set(event, list);
			for (const hook of this.#listenHooks) hook(event);
		}
		return this;
	}
}

function splitEvents(events: string): string[] {
	return events.split(/\s+/).filter(Boolean);
}

const RESERVED_KEYS = new Set(['on', 'once', 'off', 'trigger', 'get', 'set', 'serialize', 'toJSON', 'unsafe']);

/**
 * Attributes are exposed as enumerable own accessors, so `msg.ack = 2` triggers
 * `change:ack` like Backbone's set, and `{...mediaData}` (which whatsapp-web.js
 * spreads into a message) copies the attributes and nothing else.
 */
class Model extends Emitter {
	#attrs: Record<string, unknown> = {};
	#collections = new Set<Collection<Model>>();

	constructor(attrs: Record<string, unknown> = {}) {
		super();
		this.set(attrs, undefined, { silent: true });
	}

	get(key: string): unknown {
		return this.#attrs[key];
	}

	set(keyOrAttrs: string | Record<string, unknown>, value?: unknown, opts: { silent?: boolean } = {}): this {
		const attrs = typeof keyOrAttrs === 'string' ? { [keyOrAttrs]: value } : keyOrAttrs;
		const changed: Array<[string, unknown, unknown]> = [];
		for (const [key, next] of Object.entries(attrs)) {
			if (!(key in this.#attrs) && !RESERVED_KEYS.has(key)) this.#defineAccessor(key);
			const prev = this.#attrs[key];
			this.#attrs[key] = next;
			if (prev !== next) changed.push([key, next, prev]);
		}
		if (!opts.silent) {
			for (const [key, next, prev] of changed) this.trigger(`change:${key}`, this, next, prev);
			if (changed.length) this.trigger('change', this);
		}
		return this;
	}

	/** A JSON-safe copy: what `page.evaluate` can return to Node. */
	serialize(): Record<string, unknown> {
		return toPlain(this.#attrs) as Record<string, unknown>;
	}

	toJSON(): Record<string, unknown> {
		return { ...this.#attrs };
	}

	unsafe(): this {
		return this;
	}

	joinCollection(collection: Collection<Model>): void {
		this.#collections.add(collection);
	}

	leaveCollection(collection: Collection<Model>): void {
		this.#collections.delete(collection);
	}

	protected override afterTrigger(event: string, args: unknown[]): void {
		for (const collection of this.#collections) collection.trigger(event, ...args);
	}

	#defineAccessor(key: string): void {
		Object.defineProperty(this, key, {
			enumerable: true,
			configurable: true,
			get: () => this.#attrs[key],
			set: (next: unknown) => this.set(key, next),
		});
	}
}

type ModelKey = string | { _serialized: string };

function keyOf(id: ModelKey): string {
	return typeof id === 'string' ? id : id._serialized;
}

class Collection<M extends Model> extends Emitter {
	#models = new Map<string, M>();

	constructor(
		readonly modelClass: new (attrs: Record<string, unknown>) => M,
		private readonly idOf: (model: M) => ModelKey = (m) => (m as unknown as { id: ModelKey }).id,
	) {
		super();
	}

	add(modelOrAttrs: M | Record<string, unknown>, opts: { silent?: boolean } = {}): M {
		const model = modelOrAttrs instanceof Model ? (modelOrAttrs as M) : new this.modelClass(modelOrAttrs);
		const key = keyOf(this.idOf(model));
		const existing = this.#models.get(key);
		if (existing) return existing;
		this.#models.set(key, model);
		model.joinCollection(this as unknown as Collection<Model>);
		if (!opts.silent) this.trigger('add', model, this);
		return model;
	}

	get(id: ModelKey | undefined | null): M | undefined {
		if (id === undefined || id === null) return undefined;
		return this.#models.get(keyOf(id));
	}

	remove(id: ModelKey, opts: { silent?: boolean } = {}): M | undefined {
		const key = keyOf(id);
		const model = this.#models.get(key);
		if (!model) return undefined;
		this.#models.delete(key);
		if (!opts.silent) this.trigger('remove', model, this);
		model.leaveCollection(this as unknown as Collection<Model>);
		return model;
	}

	getModelsArray(): M[] {
		return [...this.#models.values()];
	}

	get length(): number {
		return this.#models.size;
	}

	serialize(): unknown[] {
		return this.getModelsArray().map((m) => m.serialize());
	}
}

/** Deep copy to plain data: models and collections serialize, blobs and functions drop out. */
function toPlain(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
	if (value instanceof Model || value instanceof Collection) return value.serialize();
	if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return undefined;
	if (Array.isArray(value)) return value.map(toPlain);
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		const plain = toPlain(v);
		if (plain !== undefined) out[k] = plain;
	}
	return out;
}
