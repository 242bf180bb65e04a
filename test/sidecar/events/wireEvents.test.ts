import fs from 'fs';
import path from 'path';
import type { EventEnvelope } from '../../../sidecar/src/contract';
import { DomainEvents, type DomainEvent } from '../../../sidecar/src/events/domainEvents';
import { EventBus } from '../../../sidecar/src/events/EventBus';
import { publishWireEvents, wireEventOf } from '../../../sidecar/src/events/wireEvents';
import { createLogger } from '../../../sidecar/src/logger';
import { jobView } from '../../../sidecar/src/sending/MessageJob';
import type { MessageJob } from '../../../sidecar/src/storage/records';
import { messagePayload } from '../../support/events';

function job(over: Partial<MessageJob> = {}): MessageJob {
	return {
		id: 'msg_1',
		seq: 1,
		session: 'desk',
		to: '15550001111@c.us',
		content: { text: 'hello' },
		reference: { appointmentId: 42 },
		lane: 'bulk',
		checkNumber: false,
		status: 'sent',
		ack: 1,
		messageIds: ['true_15550001111@c.us_A'],
		attempts: 1,
		resent: false,
		history: [{ at: '2026-01-01T00:00:00.000Z', status: 'sent', ack: 1 }],
		createdAt: 0,
		updatedAt: 0,
		...over,
	};
}

const changed = (j: MessageJob, newStatus = true): DomainEvent => ({ type: 'job.changed', session: j.session, job: j, newStatus });

describe('wire events: made from domain events in one place', () => {
	it('a session status carries its reason code and the detail beside it', () => {
		const event: DomainEvent = { type: 'session.status', session: 'desk', status: 'RECONNECTING', from: 'STARTING', reason: 'START_FAILED', detail: 'net::ERR_NAME_NOT_RESOLVED' };
		expect(wireEventOf(event)).toEqual({
			type: 'session.status',
			session: 'desk',
			payload: { status: 'RECONNECTING', reason: 'START_FAILED', detail: 'net::ERR_NAME_NOT_RESOLVED' },
		});
	});

	it('a QR that can be served becomes session.qr; the engine’s raw QR does not', () => {
		const qr = { raw: 'ref,a,b', dataUrl: 'data:image/png;base64,AA==', expiresAt: '2026-01-01T00:01:00.000Z', count: 1 };
		expect(wireEventOf({ type: 'session.qr', session: 'desk', qr })).toEqual({ type: 'session.qr', session: 'desk', payload: qr });
		expect(wireEventOf({ type: 'engine.qr', session: 'desk', raw: 'ref,a,b' })).toBeUndefined();
	});

	it('a job change is announced only with a new status, as the event of that status, carrying the job as the API shows it', () => {
		const sent = job();
		expect(wireEventOf(changed(sent))).toEqual({ type: 'message.ack', session: 'desk', payload: jobView(sent) });
		expect(wireEventOf(changed(sent, false))).toBeUndefined();
		expect(wireEventOf(changed(job({ status: 'uncertain' })))).toMatchObject({ type: 'message.uncertain' });
		expect(wireEventOf(changed(job({ status: 'scheduled' })))).toMatchObject({ type: 'message.queued' });
		// No event for these statuses, new or not.
		expect(wireEventOf(changed(job({ status: 'sending' })))).toBeUndefined();
		expect(wireEventOf(changed(job({ status: 'cancelled' })))).toBeUndefined();
	});

	it('an incoming message is reported once its media was handled (chat.message), not as the engine gives it', () => {
		const message = messagePayload({ text: 'hi' });
		expect(wireEventOf({ type: 'chat.message', session: 'desk', message })).toEqual({ type: 'message', session: 'desk', payload: message });
		const { media: _media, session: _session, ...raw } = message;
		expect(wireEventOf({ type: 'engine.message', session: 'desk', message: raw })).toBeUndefined();
	});

	it('events without a wire form stay inside', () => {
		const inside: DomainEvent[] = [
			{ type: 'session.deleted', session: 'desk' },
			{ type: 'session.restartScheduled', session: 'desk', reason: 'BROWSER_CRASHED', delayMs: 1_000 },
			{ type: 'engine.ack', session: 'desk', ack: { messageId: 'x', ack: 2, chatId: 'c', fromMe: true } },
		];
		expect(inside.map(wireEventOf)).toEqual([undefined, undefined, undefined]);
	});

	it('publishWireEvents puts them on the bus in envelopes, until unsubscribed', () => {
		const events = new DomainEvents(createLogger('silent'));
		const bus = new EventBus();
		const published: EventEnvelope[] = [];
		bus.subscribe((e) => published.push(e));
		const stop = publishWireEvents(events, bus);
		events.emit(changed(job()));
		events.emit(changed(job(), false));
		events.emit({ type: 'session.deleted', session: 'desk' });
		stop();
		events.emit(changed(job({ status: 'delivered', ack: 2 })));
		expect(published.map((e) => [e.type, e.session, (e.payload as { status: string }).status])).toEqual([['message.ack', 'desk', 'sent']]);
		expect(published[0].id).toMatch(/^evt_/);
	});

	it('nothing else in the sidecar publishes on the webhook bus', () => {
		const root = path.join(__dirname, '../../../sidecar/src');
		const publishers = sourceFiles(root)
			.filter((file) => /\.publish\(/.test(fs.readFileSync(file, 'utf8')))
			.map((file) => path.relative(root, file));
		expect(publishers).toEqual(['events/wireEvents.ts']);
	});
});

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}
