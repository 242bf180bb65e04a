import type { Logger } from '../logger';
import type { IncomingCall } from '../sessions/engine/Engine';
import type { CallSettings } from '../storage/records';
import type { DomainEvents } from './domainEvents';
import { addressesOf, type AddressResolver } from './messageAddresses';

export interface IncomingCallsDeps {
	events: DomainEvents;
	logger: Logger;
	/** The session's `calls` setting (undefined: calls ring on the phone as usual). */
	settings(session: string): CallSettings | undefined;
	/** Queues `text` to the caller through the durable send queue; resolves with the job's id. */
	reply(session: string, to: string, text: string, callId: string): Promise<string>;
	addresses?: AddressResolver;
}

/**
 * Incoming calls: applies the session's `calls` setting (decline through WhatsApp Web, then a
 * message to the caller, queued and paced like any other), then reports the call
 * (`chat.call`, the `call` wire event) with what was done.
 */
export class IncomingCalls {
	private readonly pending = new Set<Promise<void>>();

	constructor(private readonly deps: IncomingCallsDeps) {}

	accept(session: string, call: IncomingCall): void {
		const work = this.handle(session, call);
		this.pending.add(work);
		void work.finally(() => this.pending.delete(work));
	}

	/** Waits for the calls handed over so far (tests, shutdown). */
	async idle(): Promise<void> {
		await Promise.all(this.pending);
	}

	private async handle(session: string, call: IncomingCall): Promise<void> {
		const asked = addressesOf(this.deps.addresses, session, call.from);
		const settings = this.deps.settings(session);
		let rejected = false;
		let replyJobId: string | null = null;
		if (settings?.autoReject) {
			try {
				await call.reject();
				rejected = true;
			} catch (error) {
				this.deps.logger.warn({ err: error, session, callId: call.id }, 'could not decline an incoming call');
			}
			// Only a declined caller is told: one whose call still rings may yet be answered.
			const text = settings.message?.trim();
			if (rejected && text) replyJobId = await this.reply(session, call, text);
		}
		const addresses = await asked;
		this.deps.events.emit({
			type: 'chat.call',
			session,
			call: {
				callId: call.id,
				from: call.from,
				fromPhone: addresses.phone,
				...(addresses.lid ? { fromLid: addresses.lid } : {}),
				isVideo: call.isVideo,
				isGroup: call.isGroup,
				timestamp: call.timestamp,
				rejected,
				replyJobId,
				session,
			},
		});
	}

	private async reply(session: string, call: IncomingCall, text: string): Promise<string | null> {
		try {
			return await this.deps.reply(session, call.from, text, call.id);
		} catch (error) {
			this.deps.logger.warn({ err: error, session, callId: call.id }, 'could not queue the message to a declined caller');
			return null;
		}
	}
}
