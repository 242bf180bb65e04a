import fs from 'fs';
import os from 'os';
import path from 'path';
import type { EventEnvelope } from '../../../sidecar/src/contract';
import { DomainEvents } from '../../../sidecar/src/events/domainEvents';
import { EventBus, eventId } from '../../../sidecar/src/events/EventBus';
import { IncomingMessages } from '../../../sidecar/src/events/IncomingMessages';
import { publishWireEvents } from '../../../sidecar/src/events/wireEvents';
import { createLogger } from '../../../sidecar/src/logger';
import type { IncomingMessage } from '../../../sidecar/src/sessions/engine/Engine';
import { ReceivedMediaStore } from '../../../sidecar/src/storage/ReceivedMediaStore';
import { jobPayload, messagePayload } from '../../support/events';
import { pollUntil } from '../../support/poll';

describe('EventBus', () => {
	it('wraps each event in its envelope: a unique evt_ id, an ISO timestamp, type, session and payload', () => {
		const bus = new EventBus();
		const seen: EventEnvelope[] = [];
		bus.subscribe((e) => seen.push(e));
		const published = bus.publish({ type: 'session.status', session: 'desk', payload: { status: 'READY', reason: null } });
		expect(seen).toEqual([published]);
		expect(published).toMatchObject({ type: 'session.status', session: 'desk', payload: { status: 'READY', reason: null } });
		expect(published.id).toMatch(/^evt_[0-9a-z]{12}[0-9a-f]{10}$/);
		expect(new Date(published.timestamp).toISOString()).toBe(published.timestamp);
	});

	it('makes ids that are unique and sort in publication order, many per millisecond', () => {
		const ids = Array.from({ length: 5_000 }, () => eventId());
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(ids);
	});

	it('keeps the payload as it was when published, whatever the publisher changes later', () => {
		const bus = new EventBus();
		const at = '2026-01-01T00:00:00.000Z';
		const reference = { appointmentId: 1 };
		const job = jobPayload({ status: 'sent', history: [{ at, status: 'queued' }, { at, status: 'sent' }], reference });
		const event = bus.publish({ type: 'message.ack', session: 'desk', payload: job });
		job.status = 'delivered';
		job.history.push({ at, status: 'delivered' });
		reference.appointmentId = 2;
		expect(event.payload).toEqual(jobPayload({ status: 'sent', history: [{ at, status: 'queued' }, { at, status: 'sent' }], reference: { appointmentId: 1 } }));
	});

	it('stops calling a listener once it unsubscribes', () => {
		const bus = new EventBus();
		const seen: string[] = [];
		const off = bus.subscribe((e) => seen.push(e.type));
		bus.publish({ type: 'message', session: 'desk', payload: messagePayload() });
		off();
		bus.publish({ type: 'message', session: 'desk', payload: messagePayload() });
		expect(seen).toEqual(['message']);
	});
});

describe('IncomingMessages', () => {
	let dir: string;
	let bus: EventBus;
	let events: Array<EventEnvelope<'message'>>; // IncomingMessages publishes only messages
	const sentByQueue = new Set<string>();
	const make = () => {
		// Incoming messages are told as domain events; the wire events come from those.
		const domain = new DomainEvents(createLogger('silent'));
		publishWireEvents(domain, bus);
		return new IncomingMessages({
			events: domain,
			media: new ReceivedMediaStore(dir),
			logger: createLogger('silent'),
			inlineBytes: 10,
			maxBytes: 100,
			sentByQueue: (id) => sentByQueue.has(id),
		});
	};
	const message = (id: string, over: Partial<IncomingMessage> = {}): IncomingMessage => ({
		id,
		chatId: '628111@c.us',
		sender: '628111@c.us',
		fromMe: false,
		type: 'chat',
		text: id,
		timestamp: 1,
		isGroup: false,
		...over,
	});
	const media = (bytes: number, delayMs = 0, fail = false) => ({
		media: { mimetype: 'image/png', size: bytes },
		downloadMedia: async () => {
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			if (fail) throw new Error('page gone');
			return { mimetype: 'image/png', data: Buffer.alloc(bytes, 7), filename: 'x.png' };
		},
	});

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incoming-'));
		bus = new EventBus();
		events = [];
		bus.subscribe((e) => events.push(e as EventEnvelope<'message'>));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('publishes a session\'s messages in the order they came, even when an earlier one has media to fetch', async () => {
		const incoming = make();
		incoming.accept('desk', message('m1', { type: 'image', ...media(8, 150) }));
		incoming.accept('desk', message('m2'));
		await incoming.idle();
		expect(events.map((e) => [e.type, e.session, e.payload.id])).toEqual([['message', 'desk', 'm1'], ['message', 'desk', 'm2']]);
		expect(events[0].payload).toMatchObject({ session: 'desk', media: { mimetype: 'image/png', size: 8, base64: Buffer.alloc(8, 7).toString('base64'), url: '/api/sessions/desk/messages/m1/media' } });
		expect(events[0].payload).not.toHaveProperty('downloadMedia');
		expect(events[1].payload.media).toBeNull();
	});

	it('keeps larger media out of the event, refuses media over the limit, and reports failed downloads', async () => {
		const incoming = make();
		const tooLarge = media(500);
		const download = jest.spyOn(tooLarge, 'downloadMedia');
		incoming.accept('desk', message('big', media(50)));
		incoming.accept('desk', message('huge', tooLarge));
		incoming.accept('desk', message('broken', media(5, 0, true)));
		await incoming.idle();
		const byId = Object.fromEntries(events.map((e) => [e.payload.id, e.payload.media]));
		expect(byId.big).toMatchObject({ size: 50, base64: null, url: '/api/sessions/desk/messages/big/media' });
		expect(byId.huge).toMatchObject({ size: 500, url: null, base64: null, error: 'MEDIA_TOO_LARGE' });
		expect(byId.broken).toMatchObject({ url: null, base64: null, error: 'MEDIA_DOWNLOAD_FAILED' });
		expect(download).not.toHaveBeenCalled();
	});

	it('holds own messages 2 s, then reports only those the send queue did not send', async () => {
		jest.useFakeTimers();
		try {
			const incoming = make();
			sentByQueue.add('true_628111@c.us_API');
			incoming.accept('desk', message('true_628111@c.us_API', { fromMe: true }));
			incoming.accept('desk', message('true_628111@c.us_PHONE', { fromMe: true }));
			await jest.advanceTimersByTimeAsync(1_999);
			expect(events).toEqual([]);
			await jest.advanceTimersByTimeAsync(1);
		} finally {
			jest.useRealTimers();
		}
		await pollUntil(() => events, (e) => e.length === 1, { what: 'the own message from the phone', timeoutMs: 2_000 });
		expect(events[0].payload).toMatchObject({ id: 'true_628111@c.us_PHONE', fromMe: true });
	});
});
