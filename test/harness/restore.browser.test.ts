import fs from 'fs';
import path from 'path';
import { isPidAlive } from '../../sidecar/src/sessions/chrome/processes';
import { useHarness } from './support/useHarness';

describe('restoring a paired session from its LocalAuth profile', () => {
	const harness = useHarness();

	it('comes back ready without a QR after destroy()', async () => {
		const { session, phone } = await harness.paired('restore-destroy');
		await session.client.destroy();

		const again = await harness.restart(session);
		expect(again.log.all('qr')).toHaveLength(0);
		expect(again.client.info.wid._serialized).toBe(phone.wid);
	});

	it('comes back ready without a QR after Chromium is killed with SIGKILL', async () => {
		const { session, phone } = await harness.paired('restore-sigkill');
		const pid = session.browserPid()!;
		process.kill(pid, 'SIGKILL');
		await session.log.next('browser_disconnected');
		const [, signal] = await session.log.next('browser_exit');
		expect(signal).toBe('SIGKILL');
		expect(isPidAlive(pid)).toBe(false);
		// Chrome's lock files survive the kill as dangling symlinks; same host + dead pid is not a lock.
		expect(fs.lstatSync(path.join(session.profileDir, 'SingletonLock')).isSymbolicLink()).toBe(true);

		const again = await harness.restart(session);
		expect(again.log.all('qr')).toHaveLength(0);
		expect(again.client.info.wid._serialized).toBe(phone.wid);
	});

	it('delivers an ack for a message sent before the restart to the new client', async () => {
		const { session, phone } = await harness.paired('restore-ack');
		const sent = await session.client.sendMessage('6281234567890@c.us', 'Reminder: appointment 42 tomorrow');
		await session.log.next('message_ack', (m, ack) => m.id._serialized === sent.id._serialized && ack === 1);
		await session.client.destroy();

		const again = await harness.restart(session);
		await phone.ack(sent.id._serialized, 3);
		const [message, ack] = (await again.log.next('message_ack')) as [{ id: { _serialized: string } }, number];
		expect(message.id._serialized).toBe(sent.id._serialized);
		expect(ack).toBe(3);
		expect(again.log.all('message_create')).toHaveLength(0);
	});
});
