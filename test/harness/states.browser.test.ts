import { useHarness } from './support/useHarness';

describe('connection states and a crashed browser', () => {
	const harness = useHarness();

	it('CONFLICT (WhatsApp opened elsewhere) gives change_state and disconnected, and the library closes', async () => {
		const { session, phone } = await harness.paired('conflict');
		await phone.setState('CONFLICT');
		expect(await session.log.next('change_state')).toEqual(['CONFLICT']);
		expect(await session.log.next('disconnected')).toEqual(['CONFLICT']);
		await session.log.next('browser_disconnected');
	});

	it('with takeoverOnConflict the library takes the session back', async () => {
		const { session, phone } = await harness.paired('takeover', { takeoverOnConflict: true });
		await phone.setState('CONFLICT');
		expect(await session.log.next('change_state')).toEqual(['CONFLICT']);
		expect(await session.log.next('change_state')).toEqual(['CONNECTED']);
		expect(await session.client.getState()).toBe('CONNECTED');
		expect(session.log.all('disconnected')).toHaveLength(0);
	});

	it.each(['TOS_BLOCK', 'UNPAIRED', 'DEPRECATED_VERSION'])('%s gives disconnected with that reason', async (state) => {
		const { session, phone } = await harness.paired(`state-${state.toLowerCase()}`);
		await phone.setState(state);
		expect(await session.log.next('disconnected')).toEqual([state]);
	});

	it('a Chromium SIGKILL is visible only through puppeteer: no library event, and the page is detached', async () => {
		const { session } = await harness.paired('crash');
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
