import type { EventEnvelope } from '../../../sidecar/src/contract';
import type { IncomingMessage } from '../../../sidecar/src/sessions/engine/Engine';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const PHONE = '628120000031';
const CHAT = `${PHONE}@c.us`;
const CONFIRMATION = 'You are unsubscribed.';

const incoming = (id: string, text: string, chatId = CHAT): IncomingMessage => ({
	id: `false_${chatId}_${id}`,
	chatId,
	sender: chatId,
	fromMe: false,
	type: 'chat',
	text,
	timestamp: 1,
	isGroup: false,
});

async function sidecarWith(engines: ReturnType<typeof scriptedEngines>, env: Record<string, string> = {}, dataDir?: string) {
	const t = await startTestSidecar({
		dataDir,
		engineFactory: engines.factory,
		env: { SIDECAR_PACING: 'off', SIDECAR_OPT_OUT_CONFIRMATION: CONFIRMATION, ...env },
	});
	const events: EventEnvelope[] = [];
	t.sidecar.bus.subscribe((event) => events.push(event));
	return { t, events };
}

async function ready(t: TestSidecar, engines: ReturnType<typeof scriptedEngines>, id = 'desk') {
	expect((await t.api('POST', '/api/sessions', { id })).status).toBe(201);
	const engine = await pollUntil(() => engines.latest(), (e) => e?.started === true && !e.stopped, { what: 'a started engine' });
	engine.emit({ type: 'ready', account: { wid: '15550009999@c.us' } });
	await pollUntil(() => t.api('GET', `/api/sessions/${id}`).then((r) => r.body.status), (s) => s === 'READY', { what: `${id} READY` });
	return engine;
}

const jobStatus = (t: TestSidecar, jobId: string, status: string) =>
	pollUntil(() => t.api('GET', `/api/messages/${jobId}`).then((r) => r.body), (job) => job.status === status, { what: `job ${status}` });

describe('opt-outs (scripted engine)', () => {
	it('STOP: listed, answered once on the reply lane, announced; bulk skipped at accept, replies still go; START re-allows', async () => {
		const engines = scriptedEngines();
		const { t, events } = await sidecarWith(engines);
		try {
			const engine = await ready(t, engines);
			engine.emit({ type: 'message', message: incoming('A', 'Stöp!') });
			const optedOut = await pollUntil(() => events.find((e) => e.type === 'contact.opted_out'), Boolean, { what: 'contact.opted_out' });
			expect(optedOut!.payload).toEqual({ contact: PHONE, phone: PHONE, session: 'desk', keyword: 'STOP', messageId: `false_${CHAT}_A` });
			await pollUntil(() => engine.sent.filter((s) => s.message.text === CONFIRMATION).length, (n) => n === 1, { what: 'the confirmation sent' });

			// A second STOP finds them listed: no second answer, no second event.
			engine.emit({ type: 'message', message: incoming('B', 'stop') });
			await pollUntil(() => events.filter((e) => e.type === 'message' && e.payload.text === 'stop').length, (n) => n === 1, { what: 'the second STOP reported' });
			// The keyword handler ran with the same domain event (it needs no page round trip for a listed contact);
			// the exact list of sends below, taken after a reply went out, shows no second confirmation.
			const list = await t.api('GET', '/api/opt-outs');
			expect(list.body).toMatchObject({ total: 1, optOuts: [{ contact: PHONE, list: null, session: 'desk', keyword: 'STOP', reason: 'keyword: STOP' }] });

			const bulk = await t.api('POST', '/api/sessions/desk/messages', { to: `+${PHONE}`, text: 'Big sale!' });
			expect(bulk.status).toBe(202);
			expect(bulk.body).toMatchObject({ status: 'skipped', error: { code: 'OPTED_OUT' } });
			await pollUntil(() => events.find((e) => e.type === 'message.skipped'), Boolean, { what: 'message.skipped' });

			const reply = await t.api('POST', '/api/sessions/desk/messages', { to: PHONE, text: 'Sorry to see you go', lane: 'reply' });
			await jobStatus(t, reply.body.jobId, 'sent');
			expect(engine.sent.map((s) => s.message.text)).toEqual([CONFIRMATION, 'Sorry to see you go']);
			expect(events.filter((e) => e.type === 'contact.opted_out')).toHaveLength(1);

			engine.emit({ type: 'message', message: incoming('C', 'START') });
			const optedIn = await pollUntil(() => events.find((e) => e.type === 'contact.opted_in'), Boolean, { what: 'contact.opted_in' });
			expect(optedIn!.payload).toMatchObject({ contact: PHONE, keyword: 'START', messageId: `false_${CHAT}_C` });
			const again = await t.api('POST', '/api/sessions/desk/messages', { to: PHONE, text: 'Welcome back' });
			await jobStatus(t, again.body.jobId, 'sent');
			expect((await t.api('GET', '/api/opt-outs')).body.total).toBe(0);
		} finally {
			await t.stop();
		}
	});

	it('a bulk message waiting in the queue is skipped at send time when its contact opts out meanwhile', async () => {
		const engines = scriptedEngines();
		const { t, events } = await sidecarWith(engines);
		try {
			const engine = await ready(t, engines);
			await t.api('POST', '/api/sessions/desk/queue/pause');
			const bulk = await t.api('POST', '/api/sessions/desk/messages', { to: PHONE, text: 'Reminder' });
			expect(bulk.body.status).toBe('queued');
			expect((await t.api('POST', '/api/opt-outs', { contact: `+${PHONE}`, reason: 'asked by email' })).status).toBe(201);
			await t.api('POST', '/api/sessions/desk/queue/resume');
			const job = await jobStatus(t, bulk.body.jobId, 'skipped');
			expect(job.error.code).toBe('OPTED_OUT');
			expect(engine.sent).toEqual([]);
			// An API change is the workflow's own doing: no opted_out event for it.
			expect(events.filter((e) => e.type === 'contact.opted_out')).toEqual([]);
			expect((await t.api('GET', '/api/sessions/desk/queue')).body.totals.skipped).toBe(1);
		} finally {
			await t.stop();
		}
	});

	it('the API: add (201, then 200 when listed), list paged, remove, bad input answered with codes; kept across a restart', async () => {
		const engines = scriptedEngines();
		const first = await sidecarWith(engines);
		const { t } = first;
		await ready(t, engines);
		expect((await t.api('POST', '/api/opt-outs', { contact: '628120000041', session: 'desk' })).body).toMatchObject({ contact: '628120000041', added: true, session: 'desk' });
		expect((await t.api('POST', '/api/opt-outs', { contact: '+62 812-0000-041' })).status).toBe(200);
		expect((await t.api('POST', '/api/opt-outs', { contact: '201000000000042@lid' })).body).toMatchObject({ contact: '201000000000042@lid', phone: null, lid: '201000000000042@lid' });
		expect((await t.api('POST', '/api/opt-outs', { contact: '120363000000000001@g.us' })).body.error.code).toBe('VALIDATION_FAILED');
		expect((await t.api('POST', '/api/opt-outs', { contact: 'abc' })).body.error.code).toBe('RECIPIENT_INVALID');
		expect((await t.api('POST', '/api/opt-outs', { contact: '628120000041', session: 'ghost' })).body.error.code).toBe('SESSION_NOT_FOUND');
		expect((await t.api('POST', '/api/opt-outs', {})).body.error.code).toBe('VALIDATION_FAILED');
		expect((await t.api('GET', '/api/opt-outs?limit=0')).body.error.code).toBe('VALIDATION_FAILED');
		const page = await t.api('GET', '/api/opt-outs?limit=1&offset=1');
		expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, optOuts: [{ contact: '201000000000042@lid' }] });
		expect((await t.api('GET', '/api/opt-outs?session=desk')).body.total).toBe(1);
		await t.stop();

		const second = await sidecarWith(engines, {}, t.dataDir);
		try {
			expect((await second.t.api('GET', '/api/opt-outs')).body.total).toBe(2);
			const removed = await second.t.api('DELETE', '/api/opt-outs/201000000000042@lid');
			expect(removed.body).toMatchObject({ contact: '201000000000042@lid', removed: true });
			const missing = await second.t.api('DELETE', '/api/opt-outs/201000000000042@lid');
			expect(missing.status).toBe(404);
			expect(missing.body.error.code).toBe('OPT_OUT_NOT_FOUND');
		} finally {
			await second.t.stop();
		}
	});

	it('a STOP from a linked id (LID) is kept under the phone when the address book knows it, else under the LID', async () => {
		const engines = scriptedEngines();
		const { t, events } = await sidecarWith(engines, { SIDECAR_LID_LOOKUP_WAIT_MS: '200' });
		try {
			const engine = await ready(t, engines);
			const known = '201000000000061@lid';
			engine.addresses.set(known, { lid: known, phone: '628120000061' });
			engine.emit({ type: 'message', message: incoming('L1', 'STOP', known) });
			const first = await pollUntil(() => events.find((e) => e.type === 'contact.opted_out'), Boolean, { what: 'the first opt-out' });
			expect(first!.payload).toMatchObject({ contact: '628120000061', phone: '628120000061' });
			// A bulk message to the phone number, or to the LID, is held either way.
			expect((await t.api('POST', '/api/sessions/desk/messages', { to: '628120000061', text: 'x' })).body.status).toBe('skipped');
			expect((await t.api('POST', '/api/sessions/desk/messages', { to: known, text: 'x' })).body.status).toBe('skipped');

			engine.lookupWith = 'hang';
			const hidden = '201000000000062@lid';
			engine.emit({ type: 'message', message: incoming('L2', 'unsubscribe', hidden) });
			const second = await pollUntil(() => events.filter((e) => e.type === 'contact.opted_out')[1], Boolean, { what: 'the second opt-out' });
			expect(second!.payload).toMatchObject({ contact: hidden, phone: null, keyword: 'UNSUBSCRIBE' });
			expect((await t.api('POST', '/api/sessions/desk/messages', { to: hidden, text: 'x' })).body.status).toBe('skipped');
		} finally {
			await t.stop();
		}
	});

	it('per-session lists (SIDECAR_OPT_OUT_SCOPE=session): a STOP to one number does not hold another', async () => {
		const engines = scriptedEngines();
		const { t } = await sidecarWith(engines, { SIDECAR_OPT_OUT_SCOPE: 'session' });
		try {
			await ready(t, engines, 'one');
			await ready(t, engines, 'two');
			expect((await t.api('POST', '/api/opt-outs', { contact: PHONE })).body.error.code).toBe('VALIDATION_FAILED');
			expect((await t.api('POST', '/api/opt-outs', { contact: PHONE, session: 'one' })).status).toBe(201);
			expect((await t.api('POST', '/api/sessions/one/messages', { to: PHONE, text: 'x' })).body.status).toBe('skipped');
			expect((await t.api('POST', '/api/sessions/two/messages', { to: PHONE, text: 'x' })).body.status).toBe('queued');
			expect((await t.api('DELETE', `/api/opt-outs/${PHONE}?session=two`)).status).toBe(404);
			expect((await t.api('DELETE', `/api/opt-outs/${PHONE}?session=one`)).status).toBe(200);
		} finally {
			await t.stop();
		}
	});
});
