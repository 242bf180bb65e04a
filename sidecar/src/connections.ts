import type { AddressBook } from './contacts/AddressBook';
import type { DomainEvents } from './events/domainEvents';
import type { EventBus } from './events/EventBus';
import type { ChatActivities } from './events/ChatActivities';
import type { IncomingCalls } from './events/IncomingCalls';
import type { IncomingMessages } from './events/IncomingMessages';
import type { OptOutKeywords } from './optouts/OptOutKeywords';
import type { CampaignService } from './campaigns/CampaignService';
import { publishWireEvents } from './events/wireEvents';
import type { SidecarMetrics } from './metrics';
import type { MessageService } from './sending/MessageService';
import type { ReceivedMediaStore } from './storage/ReceivedMediaStore';

export interface ConnectedParts {
	bus: EventBus;
	messages: MessageService;
	incoming: IncomingMessages;
	receivedMedia: ReceivedMediaStore;
	metrics: SidecarMetrics;
	/** The CLI prints every new QR in the terminal (--qr-terminal). */
	onQr?(sessionId: string, raw: string): void;
	/** LID ↔ phone pairs per session. */
	addresses?: AddressBook;
	/** Reactions, edits, deletions and poll votes: reported with the job's reference when the message was ours. */
	activities?: ChatActivities;
	/** Incoming calls: the session's `calls` setting applied, then reported. */
	calls?: IncomingCalls;
	/** Opt-out and opt-in keywords in received messages (issue 15). */
	optOutKeywords?: OptOutKeywords;
	/** Campaigns (issue 15): their messages' changes make their progress; a number's status may move their messages. */
	campaigns?: CampaignService;
}

/**
 * Who reacts to what: every subscription to the domain events, in one list, so
 * the way the parts work together can be read in one place. The parts that
 * emit (sessions, the send queue, incoming messages) know none of these.
 * Returns the one call that undoes them all.
 */
export function connectParts(events: DomainEvents, parts: ConnectedParts): () => void {
	const { messages, incoming, receivedMedia, metrics, onQr } = parts;
	const subscriptions = [
		// Webhooks: the wire events are made in one place, and only there.
		publishWireEvents(events, parts.bus),
		// The send queue: a READY session can send, acks move jobs on, a deleted session's waiting messages are cancelled.
		events.on('session.status', (e) => messages.onSessionStatus(e.session, e.status)),
		events.on('engine.ack', (e) => messages.onAck(e.session, e.ack)),
		// Someone who writes is no longer a first contact: their held messages may go.
		events.on('engine.message', (e) => messages.onIncoming(e.session, e.message)),
		events.on('session.deleted', (e) => messages.onSessionDeleted(e.session)),
		// Received messages: media downloaded and kept, then reported (`chat.message`); a deleted session's media goes.
		events.on('engine.message', (e) => incoming.accept(e.session, e.message)),
		events.on('session.deleted', (e) => receivedMedia.removeSession(e.session)),
		events.on('session.restartScheduled', (e) => metrics.restart(e.reason, e.delayMs)),
	];
	if (onQr) subscriptions.push(events.on('engine.qr', (e) => onQr(e.session, e.raw)));
	// A deleted session's LID ↔ phone pairs go with it.
	const { addresses } = parts;
	if (addresses) subscriptions.push(events.on('session.deleted', (e) => addresses.forget(e.session)));
	const { activities, calls } = parts;
	if (activities) subscriptions.push(events.on('engine.activity', (e) => activities.accept(e.session, e.activity)));
	if (calls) subscriptions.push(events.on('engine.call', (e) => calls.accept(e.session, e.call)));
	// Opt-outs (issue 15): a received STOP / START, with its addresses resolved, changes the list.
	const { optOutKeywords } = parts;
	if (optOutKeywords) subscriptions.push(events.on('chat.message', (e) => optOutKeywords.accept(e.session, e.message)));
	const { campaigns } = parts;
	if (campaigns) {
		subscriptions.push(events.on('job.changed', (e) => campaigns.onJobChanged(e.job)));
		subscriptions.push(events.on('session.status', () => campaigns.onSessionStatus()));
	}
	return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}
