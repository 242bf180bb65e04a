import { jsonParse, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { EVENT_TYPES, HEADERS, verify, type EventEnvelope, type SignatureRefusal } from '../../sidecar/src/contract';
import type { SubscriptionState } from './webhookLifecycle';

/** What the sidecar POSTs: one event in its envelope. */
export type Reception = { event: EventEnvelope } | { response: IWebhookResponseData };

/**
 * Reads a delivery and checks that the sidecar sent it: the HMAC signature over the
 * raw body with this trigger's secret, and a timestamp within five minutes. A
 * delivery that fails is answered 401 here and starts no workflow; the sidecar
 * treats that 4xx as final (a dead letter) rather than retrying it.
 */
export function receiveEvent(this: IWebhookFunctions): Reception {
	const { secret } = this.getWorkflowStaticData('node') as SubscriptionState;
	const headers = this.getHeaderData();
	const body = rawBodyOf.call(this);
	const check = verify({
		secret: secret ?? '',
		body,
		timestamp: header(headers[HEADERS.timestamp]),
		signature: header(headers[HEADERS.signature]),
	});
	if (!check.valid) {
		this.logger.warn(`WhatsApp sidecar delivery refused: ${check.reason}`);
		return { response: refuse.call(this, 401, check.reason, REFUSALS[check.reason]) };
	}
	let envelope: Partial<EventEnvelope>;
	try {
		envelope = jsonParse<Partial<EventEnvelope>>(body);
	} catch {
		return { response: refuse.call(this, 400, 'BODY_INVALID', 'The body is not JSON') };
	}
	if (typeof envelope.type !== 'string' || typeof envelope.payload !== 'object' || envelope.payload === null) {
		return { response: refuse.call(this, 400, 'BODY_INVALID', 'The body is not a sidecar event') };
	}
	if (!(EVENT_TYPES as readonly string[]).includes(envelope.type)) {
		// A newer sidecar's event this version does not know: received, but nothing to run.
		return { response: ignoreEvent(`unknown event type: ${envelope.type}`) };
	}
	return { event: envelope as EventEnvelope };
}

/** Answers an event that reached the URL but is not for this workflow (filtered out here): no execution. */
export function ignoreEvent(reason: string): IWebhookResponseData {
	return { webhookResponse: { received: true, ignored: reason } };
}

/** The event's payload with where it came from: the session, and the event's id, type and time. */
export function eventJson(event: EventEnvelope): IDataObject {
	return {
		...(event.payload as unknown as IDataObject),
		session: event.session,
		eventId: event.id,
		eventType: event.type,
		eventTimestamp: event.timestamp,
	};
}

const REFUSALS: Record<SignatureRefusal, string> = {
	SIGNATURE_MISSING: 'The X-Sidecar-Signature or X-Sidecar-Timestamp header is missing, or this trigger has no secret',
	TIMESTAMP_INVALID: 'X-Sidecar-Timestamp is not a Unix time in seconds',
	TIMESTAMP_STALE: 'X-Sidecar-Timestamp is more than 5 minutes away from now',
	SIGNATURE_INVALID: 'X-Sidecar-Signature does not match the body',
};

/**
 * The delivery's bytes exactly as sent. n8n reads the whole body into
 * `req.rawBody` (a Buffer) before it parses JSON for a trigger's webhook, and
 * n8n-workflow types it on every request. If a runtime ever does not set it, the
 * parsed body is serialized again: the sidecar wrote the body with
 * JSON.stringify, and stringify(parse(text)) gives back that same text.
 */
function rawBodyOf(this: IWebhookFunctions): string {
	const raw: unknown = this.getRequestObject().rawBody;
	if (Buffer.isBuffer(raw)) return raw.toString('utf8');
	if (typeof raw === 'string') return raw;
	return JSON.stringify(this.getBodyData());
}

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function refuse(this: IWebhookFunctions, status: number, code: string, message: string): IWebhookResponseData {
	this.getResponseObject().status(status).json({ error: { code, message } });
	return { noWebhookResponse: true };
}
