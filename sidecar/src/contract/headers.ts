/** The headers of the sidecar's HTTP API and of its webhook deliveries (lower case, as Node reads them). */
export const HEADERS = {
	/** The API key on every request except /health (or `Authorization: Bearer <key>`). */
	apiKey: 'x-api-key',
	/** On every delivery: the event's id (the same on every retry: receivers can skip repeats by it). */
	eventId: 'x-sidecar-event-id',
	eventType: 'x-sidecar-event-type',
	/** Unix seconds; signed with the body, so an old delivery cannot be replayed. */
	timestamp: 'x-sidecar-timestamp',
	/** `sha256=<hex>`: see signature.ts. */
	signature: 'x-sidecar-signature',
	/** 1 for the first attempt. */
	attempt: 'x-sidecar-attempt',
} as const;
