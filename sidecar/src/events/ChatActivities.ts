import type { MessageActivityPayload } from '../contract';
import type { Logger } from '../logger';
import type { ChatActivity } from '../sessions/engine/Engine';
import type { ActivityReport, DomainEvents } from './domainEvents';
import { messageIdParts, userIdKind } from '../contacts/userIds';
import { addressesOf, messageAddresses, type AddressResolver } from './messageAddresses';

export interface ChatActivitiesDeps {
	events: DomainEvents;
	logger: Logger;
	/** The job of this session that sent this WhatsApp message, when the send queue did (its id and reference). */
	jobOf(session: string, messageId: string): { jobId: string; reference: unknown } | undefined;
	addresses?: AddressResolver;
}

/**
 * Turns reactions, edits, deletions and poll votes into reports (`chat.activity`, which
 * wireEvents.ts makes the wire events of): the people's phone numbers and LIDs resolved as
 * for messages, and, when the message is one the sidecar sent, its job and reference, so a
 * workflow finds its own record (a vote on the appointment poll it sent). Per session in order.
 */
export class ChatActivities {
	private readonly chains = new Map<string, Promise<void>>();

	constructor(private readonly deps: ChatActivitiesDeps) {}

	accept(session: string, activity: ChatActivity): void {
		const isGroup = activity.chatId.endsWith('@g.us');
		const asked = messageAddresses(this.deps.addresses, session, { sender: activity.sender, chatId: activity.chatId, isGroup });
		const next = (this.chains.get(session) ?? Promise.resolve()).then(async () => {
			try {
				const base: MessageActivityPayload = {
					messageId: activity.messageId,
					chatId: activity.chatId,
					sender: activity.sender,
					fromMe: activity.fromMe,
					isGroup,
					timestamp: activity.timestamp,
					...(await asked),
					...(await this.job(session, activity.messageId)),
					session,
				};
				this.deps.events.emit({ type: 'chat.activity', session, activity: report(activity, base) });
			} catch (error) {
				this.deps.logger.error({ err: error, session, kind: activity.kind }, 'could not report a message activity');
			}
		});
		this.chains.set(session, next);
		void next.then(() => {
			if (this.chains.get(session) === next) this.chains.delete(session);
		});
	}

	/** Waits for the activities handed over so far (tests, shutdown). */
	async idle(): Promise<void> {
		await Promise.all(this.chains.values());
	}

	private async job(session: string, messageId: string): Promise<{ reference: unknown; jobId: string | null }> {
		const job = messageId ? (this.deps.jobOf(session, messageId) ?? (await this.underOtherAddress(session, messageId))) : undefined;
		return { reference: job?.reference ?? null, jobId: job?.jobId ?? null };
	}

	/**
	 * WhatsApp may have moved the chat between the person's phone number and their LID since the
	 * sidecar sent the message: the same stanza id, under the chat's other address.
	 */
	private async underOtherAddress(session: string, messageId: string) {
		const parts = messageIdParts(messageId);
		if (!parts || !userIdKind(parts.chat)) return undefined;
		const known = await addressesOf(this.deps.addresses, session, parts.chat);
		const other = userIdKind(parts.chat) === 'lid' ? (known.phone ? `${known.phone}@c.us` : null) : known.lid;
		if (!other) return undefined;
		return this.deps.jobOf(session, `${parts.fromMe}_${other}_${messageId.slice(`${parts.fromMe}_${parts.chat}_`.length)}`);
	}
}

/** The wire event an activity is, with its own fields over the shared ones. */
export function report(activity: ChatActivity, base: MessageActivityPayload): ActivityReport {
	switch (activity.kind) {
		case 'reaction':
			return { event: 'message.reaction', payload: { ...base, emoji: activity.emoji, removed: activity.emoji === '', reactionId: activity.reactionId } };
		case 'edit':
			return { event: 'message.edited', payload: { ...base, text: activity.text, previousText: activity.previousText } };
		case 'revoke':
			return { event: 'message.revoked', payload: { ...base, for: activity.for, previousText: activity.previousText } };
		case 'vote':
			return { event: 'poll.vote', payload: { ...base, pollName: activity.pollName, selectedOptions: activity.selectedOptions } };
	}
}
