import type { Message } from 'whatsapp-web.js';
import { FakeWhatsAppWeb } from '../fake-whatsapp-web';
import type { BareSession } from './support/bareClient';
import { pairedSession } from './support/pairedSession';

describe('two sessions at once', () => {
	let fake: FakeWhatsAppWeb;
	const sessions: BareSession[] = [];

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start();
	});
	afterAll(async () => {
		await Promise.all(sessions.map((s) => s.dispose()));
		await fake.close();
	});

	it('each browser is its own phone: traffic and state never cross', async () => {
		const [alpha, beta] = await Promise.all([
			pairedSession(fake, 'alpha', { phone: '15550000001' }),
			pairedSession(fake, 'beta', { phone: '15550000002' }),
		]);
		sessions.push(alpha.session, beta.session);
		expect(alpha.session.client.info.wid._serialized).toBe('15550000001@c.us');
		expect(beta.session.client.info.wid._serialized).toBe('15550000002@c.us');

		const toAlpha = await alpha.phone.receive({ from: '628111', body: 'for alpha' });
		const toBeta = await beta.phone.receive({ from: '628111', body: 'for beta' });
		const [a] = (await alpha.session.log.next('message')) as [Message];
		const [b] = (await beta.session.log.next('message')) as [Message];
		expect([a.id._serialized, a.body]).toEqual([toAlpha.id, 'for alpha']);
		expect([b.id._serialized, b.body]).toEqual([toBeta.id, 'for beta']);

		await alpha.session.client.sendMessage('628111@c.us', 'from alpha');
		await beta.session.client.sendMessage('628111@c.us', 'from beta');
		expect(alpha.phone.outbox().map((e) => e.body)).toEqual(['from alpha']);
		expect(beta.phone.outbox().map((e) => e.body)).toEqual(['from beta']);

		await beta.phone.setState('CONFLICT');
		await beta.session.log.next('disconnected');
		expect(await alpha.session.client.getState()).toBe('CONNECTED');
		expect(alpha.session.log.all('message')).toHaveLength(1);
		expect(beta.session.log.all('message')).toHaveLength(1);
	});
});
