import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startReceiver } from '../../support/receiver';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const SECRET = 'a-secret-of-at-least-16';

describe('webhook delivery (scripted engine, local receiver)', () => {
	let t: TestSidecar;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	const engines = scriptedEngines();
	let engine: ScriptedEngine;

	const incoming = (id: string, chatId: string, text: string, extra: object = {}) =>
		engine.emit({
			type: 'message',
			message: { id, chatId, sender: chatId, fromMe: false, type: 'chat', text, timestamp: 1, isGroup: chatId.endsWith('@g.us'), ...extra },
		});

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off' } });
		await t.api('POST', '/api/sessions', { id: 'desk' });
		engine = engines.latest();
		engine.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
	});
	afterAll(async () => {
		await t.stop();
		await receiver.close();
	});

	it('delivers a signed message event with a stable id; a wrong secret does not verify', async () => {
		const created = await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['message'], secret: SECRET });
		expect(created.status).toBe(201);
		expect(created.body.secret).toBeUndefined();
		incoming('false_628111@c.us_A1', '628111@c.us', 'hello');
		const [request] = await receiver.waitFor((r) => r.length >= 1, 'one delivery');
		expect(request.body).toMatchObject({ type: 'message', session: 'desk', payload: { id: 'false_628111@c.us_A1', text: 'hello', chatId: '628111@c.us' } });
		expect(request.headers['x-sidecar-event-id']).toBe(request.body.id);
		expect(Math.abs(Number(request.headers['x-sidecar-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
		expect(receiver.verifies(request, SECRET)).toBe(true);
		expect(receiver.verifies(request, 'another-secret-of-16+')).toBe(false);
		const stats = await t.api('GET', `/api/webhooks/${created.body.id}`);
		expect(stats.body.stats).toMatchObject({ delivered: 1, pending: 0, deadLetters: 0 });
		await t.api('DELETE', `/api/webhooks/${created.body.id}`);
	});
});
