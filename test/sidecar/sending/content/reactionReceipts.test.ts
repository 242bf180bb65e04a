import { scriptedEngines } from '../../../support/scriptedEngine';
import { pollUntil } from '../../../support/poll';
import { startTestSidecar, type TestSidecar } from '../../../support/testSidecar';

/** WhatsApp sends no receipts for reactions: the undelivered sweep that catches a silent text leaves them `sent`. */
describe('a reaction without receipts', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_UNDELIVERED_AFTER_MS: '1000' } });
		await t.api('POST', '/api/sessions', { id: 'desk' });
		engines.latest().emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
	});
	afterAll(() => t.stop());

	it('stays sent while a text sent before it, equally without receipts, turns undelivered', async () => {
		const to = '6281234567890';
		const reaction = await t.api('POST', '/api/sessions/desk/messages', { to, reaction: { messageId: `false_${to}@c.us_3A01`, emoji: '👍' } });
		const text = await t.api('POST', '/api/sessions/desk/messages', { to, text: 'Thanks!' });
		const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body);
		await pollUntil(() => job(text.body.jobId), (j) => j.status === 'undelivered', { what: 'the text undelivered', timeoutMs: 15_000 });
		const reacted = await job(reaction.body.jobId);
		expect(reacted).toMatchObject({ status: 'sent', kind: 'reaction', messageId: null });
		expect(Date.parse(reacted.sentAt)).toBeLessThanOrEqual(Date.parse((await job(text.body.jobId)).sentAt));
	});
});
