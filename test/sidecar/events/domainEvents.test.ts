import { Writable } from 'stream';
import { DomainEvents } from '../../../sidecar/src/events/domainEvents';
import { createLogger } from '../../../sidecar/src/logger';

/** An emitter whose error log lines the test can read. */
function emitter() {
	const logged: Array<Record<string, unknown>> = [];
	const sink = new Writable({
		write(chunk, _encoding, done) {
			logged.push(...String(chunk).split('\n').filter(Boolean).map((line) => JSON.parse(line)));
			done();
		},
	});
	return { events: new DomainEvents(createLogger('error', sink)), logged };
}

const deleted = (session: string) => ({ type: 'session.deleted', session }) as const;
const restart = (session: string) => ({ type: 'session.restartScheduled', session, reason: 'BROWSER_CRASHED', delayMs: 1_000 }) as const;

describe('DomainEvents', () => {
	it('hands each event to the listeners of its type, in the order they subscribed', () => {
		const { events } = emitter();
		const seen: string[] = [];
		events.on('session.deleted', (e) => void seen.push(`first ${e.session}`));
		events.on('session.restartScheduled', (e) => void seen.push(`restart ${e.session} ${e.delayMs}`));
		events.on('session.deleted', (e) => void seen.push(`second ${e.session}`));
		events.emit(deleted('desk'));
		events.emit(restart('front'));
		expect(seen).toEqual(['first desk', 'second desk', 'restart front 1000']);
	});

	it('stops calling a listener once it unsubscribes, even in the middle of an emit', () => {
		const { events } = emitter();
		const seen: string[] = [];
		const offSecond = events.on('session.deleted', () => void seen.push('second'));
		const offFirst = events.on('session.deleted', () => {
			seen.push('first');
			offFirst();
		});
		events.emit(deleted('desk'));
		events.emit(deleted('desk'));
		offSecond();
		events.emit(deleted('desk'));
		expect(seen).toEqual(['second', 'first', 'second']);
	});

	it('logs a listener that throws or rejects, and still calls the others; emit never throws', async () => {
		const { events, logged } = emitter();
		const seen: string[] = [];
		events.on('session.deleted', () => {
			throw new Error('listener bug');
		});
		events.on('session.deleted', async () => {
			throw new Error('async listener bug');
		});
		events.on('session.deleted', (e) => void seen.push(e.session));
		expect(() => events.emit(deleted('desk'))).not.toThrow();
		expect(seen).toEqual(['desk']);
		await events.emitAndWait(deleted('front'));
		expect(seen).toEqual(['desk', 'front']);
		const errors = logged.map((l) => [l.event, l.session, (l.err as { message: string }).message]);
		expect(errors).toEqual(
			expect.arrayContaining([
				['session.deleted', 'desk', 'listener bug'],
				['session.deleted', 'desk', 'async listener bug'],
				['session.deleted', 'front', 'listener bug'],
				['session.deleted', 'front', 'async listener bug'],
			]),
		);
		expect(errors).toHaveLength(4);
	});

	it('emitAndWait settles once every listener has finished its work, and never rejects', async () => {
		const { events } = emitter();
		const done: string[] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		events.on('session.deleted', async () => {
			await gate;
			done.push('slow');
		});
		events.on('session.deleted', async () => {
			throw new Error('failed');
		});
		let settled = false;
		const waiting = events.emitAndWait(deleted('desk')).then(() => (settled = true));
		await new Promise((resolve) => setImmediate(resolve));
		expect(settled).toBe(false);
		release();
		await waiting;
		expect(done).toEqual(['slow']);
	});
});
