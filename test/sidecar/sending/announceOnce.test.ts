import type { EventEnvelope, JobPayload } from '../../../sidecar/src/contract';
import { pollUntil } from '../../support/poll';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/**
 * A message status goes out once per status: WhatsApp Web answers a send with
 * ack 0 (the page has it) and then acks 1 (the server has it), and both mean
 * `sent`; the Ack Trigger must fire for `sent` once, not twice.
 */
describe('message status events: once per status', () => {
	const engines = scriptedEngines();
	const sidecars: TestSidecar[] = [];
	let t: TestSidecar;
	let engine: ScriptedEngine;
	let published: EventEnvelope[];

	/** Starts a sidecar (on the data folder of the last one, when asked) whose session `desk` is READY. */
	const start = async (dataDir?: string) => {
		const before = engines.engines.length;
		t = await startTestSidecar({ engineFactory: engines.factory, dataDir, env: { SIDECAR_PACING: 'off' } });
		sidecars.push(t);
		published = [];
		t.sidecar.bus.subscribe((event) => published.push(event));
		if (!dataDir) await t.api('POST', '/api/sessions', { id: 'desk' });
		engine = await pollUntil(() => engines.engines[before], (e) => e?.listener !== undefined, { what: 'the desk engine' });
		engine.sendAck = 0;
		engine.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk').then((a) => a.body.status), (s) => s === 'READY', { what: 'desk READY' });
	};
	/** The status events of one job so far: [type, status, ack]. */
	const eventsOf = (jobId: string) =>
		published
			.filter((e) => e.type.startsWith('message.') && (e.payload as JobPayload).jobId === jobId)
			.map((e) => [e.type, (e.payload as JobPayload).status, (e.payload as JobPayload).ack]);
	const announced = (jobId: string, status: string) =>
		pollUntil(() => eventsOf(jobId), (all) => all.some(([, s]) => s === status), { what: `the ${status} event of ${jobId}`, context: () => t.logs.slice(-10).join('\n') });
	const ack = (messageId: string, level: number) => engine.emit({ type: 'ack', ack: { messageId, ack: level, chatId: '628111000111@c.us', fromMe: true } });
	const sendOne = async (text: string) => {
		const accepted = await t.api('POST', '/api/sessions/desk/messages', { to: '628111000111', text });
		expect(accepted.status).toBe(202);
		const jobId = accepted.body.jobId as string;
		await announced(jobId, 'sent');
		const job = await t.api('GET', `/api/messages/${jobId}`);
		expect(job.body).toMatchObject({ status: 'sent', ack: 0 });
		return { jobId, messageId: job.body.messageId as string };
	};

	afterAll(async () => {
		for (const s of sidecars) await s.stop();
	});

	it('ack 0 then ack 1 is one message.ack "sent"; then one "delivered" and one "read"', async () => {
		await start();
		const { jobId, messageId } = await sendOne('See you at 10:00');
		ack(messageId, 1);
		await pollUntil(() => t.api('GET', `/api/messages/${jobId}`).then((a) => a.body.ack), (level) => level === 1, { what: 'ack 1 recorded' });
		// A job's changes are told in the order they were made: were ack 1 announced, it would come before "delivered".
		ack(messageId, 2);
		await announced(jobId, 'delivered');
		ack(messageId, 3);
		await announced(jobId, 'read');
		expect(eventsOf(jobId)).toEqual([
			['message.queued', 'queued', null],
			['message.ack', 'sent', 0],
			['message.ack', 'delivered', 2],
			['message.ack', 'read', 3],
		]);
	});

	it('a restarted sidecar does not announce a status the job already announced', async () => {
		const { jobId, messageId } = await sendOne('Bring your card');
		await t.stop();
		await start(t.dataDir);
		ack(messageId, 1); // still `sent`: announced before the restart
		ack(messageId, 2);
		await announced(jobId, 'delivered');
		expect(eventsOf(jobId)).toEqual([['message.ack', 'delivered', 2]]);
		expect((await t.api('GET', `/api/messages/${jobId}`)).body).toMatchObject({ status: 'delivered', ack: 2 });
	});
});
