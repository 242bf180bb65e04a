import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

describe('connection states and a crashed browser', () => {
	let fake: FakeWhatsAppWeb;
	const sessions: BareSession[] = [];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
	});
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map((s) => s.dispose()));
	});
	afterAll(async () => {
		await fake.close();
	});

	it('CONFLICT (WhatsApp opened elsewhere) gives change_state and disconnected, and the library closes', async () => {
		const { session, phone } = await pairedSession(fake, 'conflict');
		sessions.push(session);
		await phone.setState('CONFLICT');
		expect(await session.log.next('change_state')).toEqual(['CONFLICT']);
		expect(await session.log.next('disconnected')).toEqual(['CONFLICT']);
		await session.log.next('browser_disconnected');
	});

	it('with takeoverOnConflict the library takes the session back', async () => {
		const { session, phone } = await pairedSession(fake, 'takeover', { takeoverOnConflict: true });
		sessions.push(session);
		await phone.setState('CONFLICT');
		expect(await session.log.next('change_state')).toEqual(['CONFLICT']);
		expect(await session.log.next('change_state')).toEqual(['CONNECTED']);
		expect(await session.client.getState()).toBe('CONNECTED');
		expect(session.log.all('disconnected')).toHaveLength(0);
	});

	it.each(['TOS_BLOCK', 'UNPAIRED', 'DEPRECATED_VERSION'])('%s gives disconnected with that reason', async (state) => {
		const { session, phone } = await pairedSession(fake, `state-${state.toLowerCase()}`);
		sessions.push(session);
		await phone.setState(state);
		expect(await session.log.next('disconnected')).toEqual([state]);
	});

	it('a Chromium SIGKILL is visible only through puppeteer: no library event, and the page is detached', async () => {
		const { session } = await pairedSession(fake, 'crash');
		sessions.push(session);
		process.kill(session.browserPid()!, 'SIGKILL');
		await session.log.next('browser_disconnected');
		await session.log.next('browser_exit');

		expect(session.log.all('disconnected')).toHaveLength(0);
		expect(session.log.all('change_state')).toHaveLength(0);
		await expect(session.client.getState()).rejects.toThrow(/detached|closed|Target/i);
		await expect(session.client.sendMessage('628123@c.us', 'x')).rejects.toThrow(/detached|closed|Target/i);
		// destroy() still completes on a dead browser (no hang).
		await session.client.destroy();
	});
});
