import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const PHONE = '6284444444401';
const LID = '201000000000401@lid';

/**
 * Acks that name a chat by the person's LID while the job was sent to their phone
 * number (WhatsApp moved the chat): the AckTracker asks who the LID is, then finds the job.
 */
describe('acks from a LID-addressed chat find jobs sent to the phone number (scripted engine)', () => {
	const engines = scriptedEngines();
	let t: TestSidecar;
	const job = (id: string) => t.api('GET', `/api/messages/${id}`).then((r) => r.body);
	const jobUntil = (id: string, status: string) => pollUntil(() => job(id), (j) => j.status === status, { what: `job ${id} ${status}`, timeoutMs: 10_000 });

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, env: { SIDECAR_PACING: 'off', SIDECAR_SEND_TIMEOUT_MS: '300', SIDECAR_SEND_MAX_ATTEMPTS: '1' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		engines.latest().emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/clinic').then((r) => r.body.status), (s) => s === 'READY', { what: 'READY' });
		engines.latest().addresses.set(LID, { lid: LID, phone: PHONE });
	});
	afterAll(() => t.stop());

	it('a sent message re-filed under the LID chat: its ack still moves the job', async () => {
		const accepted = await t.api('POST', '/api/sessions/clinic/messages', { to: PHONE, text: 'see you at 9', reference: { visit: 401 } });
		const sent = await jobUntil(accepted.body.jobId, 'sent');
		expect(sent.messageId).toBe(`true_${PHONE}@c.us_SCRIPTED1`);
		engines.latest().emit({ type: 'ack', ack: { messageId: `true_${LID}_SCRIPTED1`, ack: 2, chatId: LID, fromMe: true, body: 'see you at 9' } });
		expect(await jobUntil(sent.jobId, 'delivered')).toMatchObject({ reference: { visit: 401 }, messageIds: [sent.messageId] });
	});

	it('an uncertain send to the phone number adopts the ack WhatsApp gives from the LID chat', async () => {
		engines.latest().sendWith = 'hang';
		const accepted = await t.api('POST', '/api/sessions/clinic/messages', { to: PHONE, text: 'your results are ready' });
		await jobUntil(accepted.body.jobId, 'uncertain');
		engines.latest().emit({ type: 'ack', ack: { messageId: `true_${LID}_PHONEKNEW`, ack: 2, chatId: LID, fromMe: true, body: 'your results are ready' } });
		expect(await jobUntil(accepted.body.jobId, 'delivered')).toMatchObject({ messageIds: [`true_${LID}_PHONEKNEW`] });
	});
});
