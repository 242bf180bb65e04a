import type { CallPayload, CampaignPayload, EventPayloads, GroupEvent, MessagePayload, OptOutPayload, SessionStatus } from '../contract';
import type { Logger } from '../logger';
import type { ChatActivity, IncomingCall, IncomingMessage, MessageAck } from '../sessions/engine/Engine';
import type { QrView } from '../sessions/QrCode';
import type { PairingCodeView } from '../sessions/PairingCode';
import type { MessageJob } from '../storage/records';

/**
 * What happens inside the sidecar, as one typed stream. The parts that make
 * things happen (sessions, the send queue, incoming messages) emit here; the
 * parts that react (webhook events, metrics, the send queue, the media store,
 * the CLI) subscribe in sidecar.ts. Nothing here is wire format: the events the
 * subscribers of webhooks get are made from these in one place, wireEvents.ts.
 */
export type DomainEvent =
	/** Every status change of a session; `reason` is a code, `detail` the library's or browser's words. */
	| { type: 'session.status'; session: string; status: SessionStatus; from: SessionStatus; reason: string | null; detail: string | null }
	/** The engine showed a QR (counted at once; its PNG may not be drawn yet). */
	| { type: 'engine.qr'; session: string; raw: string }
	/** A QR can be served now (its PNG is drawn). */
	| { type: 'session.qr'; session: string; qr: QrView }
	/** A pairing code to type on the phone is shown (linking by phone number), the sibling of `session.qr`. */
	| { type: 'session.pairingCode'; session: string; pairing: PairingCodeView }
	/** The session will start again by itself after `delayMs`. */
	| { type: 'session.restartScheduled'; session: string; reason: string; delayMs: number }
	/** The session and its login are gone (emitted and waited for: its jobs and media go with it). */
	| { type: 'session.deleted'; session: string }
	/** An ack for a message, from the session's current engine only. */
	| { type: 'engine.ack'; session: string; ack: MessageAck }
	/** A message appeared in a chat (incoming, or sent from the phone), as the engine gives it. */
	| { type: 'engine.message'; session: string; message: IncomingMessage }
	/**
	 * A message job changed and the change is on disk. `job` is a copy taken when
	 * the change was made; `newStatus` is true when its status differs from the
	 * last one announced for it (an ack that keeps it `sent` is not news).
	 */
	| { type: 'job.changed'; session: string; job: MessageJob; newStatus: boolean }
	/** A message that appeared in a chat, ready to report: its media was kept (or could not be). */
	| { type: 'chat.message'; session: string; message: MessagePayload }
	/** Someone joined or left a group, was promoted or demoted, or a group changed. */
	| { type: 'group.event'; session: string; event: GroupEvent }
	// ---- what people do to messages, and calls (i14-events)
	/** Someone reacted to, edited, deleted a message or voted in a poll, as the engine gives it. */
	| { type: 'engine.activity'; session: string; activity: ChatActivity }
	/** Someone is calling, as the engine gives it (with the means to decline). */
	| { type: 'engine.call'; session: string; call: IncomingCall }
	/** The same, ready to report: addresses resolved, and the job's reference when the message was ours. */
	| { type: 'chat.activity'; session: string; activity: ActivityReport }
	/** A call, after the session's `calls` setting was applied (declined, a message queued). */
	| { type: 'chat.call'; session: string; call: CallPayload }
	// ---- opt-outs (issue 15)
	/** A contact wrote an opt-out keyword and was added to the list, or START and was taken off it. */
	| { type: 'contact.optOut'; session: string; event: 'contact.opted_out' | 'contact.opted_in'; payload: OptOutPayload }
	// ---- campaigns (issue 15)
	/** A campaign moved on (`campaign.progress`, at most every few seconds) or is done; `session`: its first number. */
	| { type: 'campaign.changed'; session: string; event: 'campaign.progress' | 'campaign.finished'; campaign: CampaignPayload };

/** A reaction, edit, deletion or vote as its wire event carries it. */
export type ActivityReport = {
	[T in ActivityEventType]: { event: T; payload: EventPayloads[T] };
}[ActivityEventType];
export type ActivityEventType = 'message.reaction' | 'message.edited' | 'message.revoked' | 'poll.vote';

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type DomainListener<T extends DomainEventType> = (event: DomainEventOf<T>) => void | Promise<unknown>;
type AnyListener = (event: DomainEvent) => void | Promise<unknown>;

/**
 * The emitter: typed `on` (returning its unsubscribe) and `emit`. Listeners run
 * in the order they subscribed, synchronously, inside the emitter's call: a
 * listener that throws (or whose promise rejects) is logged and the others still
 * run, so one part's bug never breaks the part that emitted.
 */
export class DomainEvents {
	private readonly listeners = new Map<DomainEventType, Set<AnyListener>>();

	constructor(private readonly logger: Logger) {}

	on<T extends DomainEventType>(type: T, listener: DomainListener<T>): () => void {
		let set = this.listeners.get(type);
		if (!set) this.listeners.set(type, (set = new Set()));
		// Kept by type, so a listener only ever gets events of its own type.
		const stored = listener as unknown as AnyListener;
		set.add(stored);
		return () => void set.delete(stored);
	}

	emit(event: DomainEvent): void {
		void this.dispatch(event);
	}

	/**
	 * Emits, and settles once every listener's work has (a deleted session's jobs
	 * cancelled and media removed before the DELETE answers). Never rejects.
	 */
	async emitAndWait(event: DomainEvent): Promise<void> {
		await this.dispatch(event);
	}

	private dispatch(event: DomainEvent): Promise<unknown> {
		const pending: Array<Promise<unknown>> = [];
		// A copy: a listener may unsubscribe (itself or another) while the event is handed out.
		for (const listener of [...(this.listeners.get(event.type) ?? [])]) {
			try {
				const result = listener(event);
				if (result instanceof Promise) pending.push(result.catch((error) => this.failed(event, error)));
			} catch (error) {
				this.failed(event, error);
			}
		}
		return Promise.all(pending);
	}

	private failed(event: DomainEvent, error: unknown): void {
		this.logger.error({ err: error, event: event.type, session: event.session }, 'a listener of a domain event failed');
	}
}
