import type { MessagePayload } from '../contract';
import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import type { KeywordMatcher } from './keywords';
import type { OptOutList } from './OptOutList';

export interface OptOutKeywordsDeps {
	list: OptOutList;
	matcher: KeywordMatcher;
	events: DomainEvents;
	logger: Logger;
	/** The answer to an opt-out ('' : none). */
	confirmation: string;
	/** Queues `text` to the chat on the reply lane (durable queue); the key makes a repeat of the same message send nothing twice. */
	reply(session: string, chatId: string, text: string, idempotencyKey: string): Promise<unknown>;
}

/**
 * Incoming messages that are an opt-out (STOP, UNSUBSCRIBE, …) or opt-in (START)
 * keyword: the sender is added to or taken off the list, told once, and the
 * change is announced (`contact.opted_out` / `contact.opted_in`). Someone who
 * writes STOP twice is answered once: the second finds them on the list already.
 */
export class OptOutKeywords {
	private readonly pending = new Set<Promise<void>>();

	constructor(private readonly deps: OptOutKeywordsDeps) {}

	accept(session: string, message: MessagePayload): void {
		if (message.fromMe || message.isGroup) return;
		const match = this.deps.matcher.match(message.text);
		if (!match) return;
		const work = this.handle(session, message, match.action, match.keyword).catch((error) =>
			this.deps.logger.error({ err: error, session, messageId: message.id }, 'could not record an opt-out keyword'),
		);
		this.pending.add(work);
		void work.finally(() => this.pending.delete(work));
	}

	/** Waits for the keywords handed over so far (tests, shutdown). */
	async idle(): Promise<void> {
		await Promise.all(this.pending);
	}

	private async handle(session: string, message: MessagePayload, action: 'opt_out' | 'opt_in', keyword: string): Promise<void> {
		// A LID chat whose phone is known is kept under the phone: the number bulk messages are addressed to.
		const contact = message.chatPhone ?? message.chatId;
		const { list, events } = this.deps;
		if (action === 'opt_in') {
			const removed = await list.remove(contact, session, false);
			if (!removed) return;
			const payload = { ...list.payloadOf(removed, session), keyword, messageId: message.id };
			events.emit({ type: 'contact.optOut', session, event: 'contact.opted_in', payload });
			return;
		}
		const { record, added } = await list.add({ contact, session, keyword, messageId: message.id });
		if (!added) return;
		const text = this.deps.confirmation.trim();
		if (text) {
			await this.deps
				.reply(session, message.chatId, text, `optout-${session}-${message.id}`)
				.catch((error) => this.deps.logger.warn({ err: error, session }, 'could not queue the opt-out confirmation'));
		}
		events.emit({ type: 'contact.optOut', session, event: 'contact.opted_out', payload: list.payloadOf(record, session) });
	}
}
