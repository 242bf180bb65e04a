import { MessageMedia, type Message } from 'whatsapp-web.js';
import { FakePhone, FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

/** Settles with 'pending' unless the promise already settled (checked after a macrotask). */
async function stateOf(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
	const marker = new Promise<'pending'>((r) => setImmediate(() => r('pending')));
	return Promise.race([promise.then(() => 'resolved' as const, () => 'rejected' as const), marker]);
}

describe('injected failures', () => {
	let fake: FakeWhatsAppWeb;
	let session: BareSession;
	let phone: FakePhone;
	const to = '6281234567890@c.us';

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start({ commandTimeoutMs: 3_000 });
		({ session, phone } = await pairedSession(fake, 'failures'));
	});
	afterAll(async () => {
		await session?.dispose();
		await fake.close();
	});

	it('next send rejects: sendMessage throws, nothing is sent, the following send works', async () => {
		phone.failNextSend('network error 503');
		await expect(session.client.sendMessage(to, 'first')).rejects.toThrow(/network error 503/);
		expect(phone.outbox()).toHaveLength(0);
		const sent = await session.client.sendMessage(to, 'second');
		expect(phone.outbox().map((e) => e.id)).toEqual([sent.id._serialized]);
	});

	it('next upload fails: sending media throws, sending it again works', async () => {
		const media = new MessageMedia('image/png', Buffer.from('png bytes').toString('base64'), 'a.png');
		phone.failNextUpload();
		await expect(session.client.sendMessage(to, media)).rejects.toThrow(/upload failed/);
		const sent = await session.client.sendMessage(to, media);
		expect(phone.outbox().at(-1)!.id).toBe(sent.id._serialized);
	});

	it('sends that never resolve', async () => {
		phone.hangSends();
		const hung = session.client.sendMessage(to, 'stuck');
		hung.catch(() => undefined);
		await phone.waitFor('hung', () => phone.hungSends.length === 1, 10_000, 'a hung send');
		expect(phone.hungSends[0].body).toBe('stuck');
		expect(await stateOf(hung)).toBe('pending');
		expect(phone.outbox().some((e) => e.body === 'stuck')).toBe(false);
		phone.hangSends(false);
		const next = await session.client.sendMessage(to, 'after');
		expect(next.body).toBe('after');
		expect(await stateOf(hung)).toBe('pending');
	});

	it('numbers that are not on WhatsApp: checks say so, and a send to one fails with ack -1', async () => {
		fake.setUnregistered(['628000000001']);
		expect(await session.client.isRegisteredUser('628000000001@c.us')).toBe(false);
		expect(await session.client.getNumberId('628000000001')).toBeNull();
		expect(await session.client.getNumberId('628123')).toMatchObject({ _serialized: '628123@c.us' });

		const sent = await session.client.sendMessage('628000000001@c.us', 'hello?');
		const [, ack] = await session.log.next('message_ack', (m: Message) => m.id._serialized === sent.id._serialized);
		expect(ack).toBe(-1);
		expect(phone.outbox().find((e) => e.id === sent.id._serialized)!.ack).toBe(-1);
	});

	it('a page that stops answering: evaluate calls wait until the page is free again', async () => {
		// The page's busy loop starts after this moment and runs 1.5 s, and no evaluate can
		// finish before it ends; timing from before the request keeps the bound exact
		// however late the test process hears the page's answer.
		const requestedAt = Date.now();
		await phone.hang(1_500);
		expect(await session.client.getState()).toBe('CONNECTED');
		expect(Date.now() - requestedAt).toBeGreaterThanOrEqual(1_500);
	});

	it('a page hung for good never answers; its browser can still be killed', async () => {
		await phone.hang();
		const state = session.client.getState();
		state.catch(() => undefined);
		const probe = await Promise.race([state.then(() => 'answered'), new Promise((r) => setTimeout(() => r('no answer'), 2_000))]);
		expect(probe).toBe('no answer');
		process.kill(session.browserPid()!, 'SIGKILL');
		await session.log.next('browser_exit');
		await expect(state).rejects.toThrow();
	});
});
