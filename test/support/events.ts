import type { EventEnvelope, EventType, JobPayload, MessagePayload } from '../../sidecar/src/contract';

/** Full, typed payloads for tests that care about a few fields: the rest are plausible defaults. */
export function messagePayload(over: Partial<MessagePayload> = {}): MessagePayload {
	const chatId = over.chatId ?? '15550001111@c.us';
	const phone = chatId.endsWith('@c.us') ? chatId.split('@')[0] : null;
	const base = { id: `false_${chatId}_X`, chatId, sender: chatId, fromMe: false, type: 'chat', timestamp: 1, isGroup: false, session: 'desk', media: null };
	return { ...base, senderPhone: phone, chatPhone: phone, ...over } as MessagePayload;
}

export function jobPayload(over: Partial<JobPayload> = {}): JobPayload {
	return {
		jobId: 'msg_1',
		session: 'desk',
		to: '15550001111@c.us',
		status: 'queued',
		campaignId: null,
		ack: null,
		ackName: null,
		messageId: null,
		messageIds: [],
		reference: null,
		idempotencyKey: null,
		lane: 'bulk',
		text: 'hello',
		caption: null,
		media: null,
		attempts: 0,
		sendAt: null,
		sendBefore: null,
		sentAt: null,
		resent: false,
		firstContact: null,
		history: [],
		createdAt: '2026-01-01T00:00:00.000Z',
		kind: 'text',
		location: null,
		contacts: null,
		poll: null,
		reaction: null,
		replyTo: null,
		mentions: null,
		target: null,
		forEveryone: null,
		changes: [],
		...over,
	};
}

let n = 0;

/** An event of any type whose payload has these fields (over that type's defaults). */
export function testEvent(type: EventType, fields: Record<string, unknown> = {}, session = 'desk', id = `evt_${++n}`): EventEnvelope {
	const base =
		type === 'message'
			? messagePayload(fields as Partial<MessagePayload>) // its phone fields follow the chat given
			: type === 'session.status'
				? { status: 'READY', reason: null }
				: type === 'session.qr'
					? { raw: 'qr', dataUrl: 'data:', expiresAt: '2026-01-01T00:00:00.000Z', count: 1 }
					: jobPayload();
	return { id, type, session, timestamp: new Date().toISOString(), payload: { ...base, ...fields } } as EventEnvelope;
}
