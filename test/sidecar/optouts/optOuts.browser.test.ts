import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRET = 'opt-out-events-secret-01';
const CONFIRMATION = 'Done: you will get no more messages from us. Reply START to get them again.';

/**
 * Opt-outs (issue 15) from the fake phone through the real whatsapp-web.js and the whole sidecar:
 * a contact writes "stop", is answered once, the event reaches a webhook receiver, a bulk
 * message waiting for them ends skipped and never reaches WhatsApp, a reply still goes, and
 * START lets bulk messages through again.
 */
describe('opt-outs through the whole sidecar', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	let phone: FakePhone;
	const contact = '6281200000051';
	const chat = `${contact}@c.us`;

	const events = (type: string) => receiver.to('/optouts').filter((r) => r.body?.type === type).map((r) => r.body.payload as Json);
	const nextEvent = async (type: string, where: (payload: Json) => boolean = () => true) => {
		await receiver.waitFor(() => events(type).some(where), `a ${type} event`, 30_000, () => t.logs.slice(-20).join('\n'));
		return events(type).find(where)!;
	};
	const jobUntil = (id: string, done: (j: Json) => boolean, what: string) =>
		pollUntil(() => t.api('GET', `/api/messages/${id}`).then((r) => r.body as Json), done, {
			what: `job ${id}: ${what}`,
			timeoutMs: 30_000,
			context: () => t.logs.slice(-20).join('\n'),
		});
	const outboxTo = (body: string) => phone.outbox().filter((e) => e.to === chat && e.body === body);

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off', SIDECAR_OPT_OUT_CONFIRMATION: CONFIRMATION } });
		// What a Message Trigger with Opt-Outs and Opt-Ins, and an Ack Trigger on skipped, subscribe to.
		const hook = { url: `${receiver.origin}/optouts`, events: ['contact.opted_out', 'contact.opted_in', 'message.skipped'], secret: SECRET };
		expect((await t.api('POST', '/api/webhooks', hook)).status).toBe(201);
		// Messages too: a keyword is handled with the same internal event its `message` event is made from.
		expect((await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/messages`, events: ['message'], secret: SECRET })).status).toBe(201);
		await t.api('POST', '/api/sessions', { id: 'desk' });
		phone = await scanSession(t, h.fake, 'desk', '6281100000088');
		await waitForSession(t, 'desk', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('STOP: answered once, announced, a waiting bulk message skipped; a reply still goes; START re-allows', async () => {
		// The queue is paused so the bulk message is still waiting when the contact opts out.
		await t.api('POST', '/api/sessions/desk/queue/pause');
		const bulk = await t.api('POST', '/api/sessions/desk/messages', { to: contact, text: 'Big sale this weekend!', reference: { campaign: 'sale' } });
		expect(bulk.body.status).toBe('queued');

		const stop = await phone.receive({ from: contact, body: 'stop' });
		const optedOut = await nextEvent('contact.opted_out');
		expect(optedOut).toEqual({ contact, phone: contact, session: 'desk', keyword: 'STOP', messageId: expect.stringContaining(stop.id) });
		const delivery = receiver.to('/optouts').find((r) => r.body?.type === 'contact.opted_out')!;
		expect(receiver.verifies(delivery, SECRET)).toBe(true);

		// A second STOP while listed: no second answer, no second event.
		const second = await phone.receive({ from: contact, body: 'STOP' });
		await receiver.waitFor(() => receiver.to('/messages').some((r) => String(r.body?.payload?.id).includes(second.id)), 'the second STOP reported');
		await t.api('POST', '/api/sessions/desk/queue/resume');

		const skipped = await jobUntil(bulk.body.jobId, (j) => j.status === 'skipped', 'skipped');
		expect(skipped.error.code).toBe('OPTED_OUT');
		expect(await nextEvent('message.skipped', (p) => p.jobId === bulk.body.jobId)).toMatchObject({ status: 'skipped', reference: { campaign: 'sale' }, error: { code: 'OPTED_OUT' } });
		await phone.waitForOutbox(1);

		// A reply to the contact still goes (and goes after the confirmation: one by one in the queue).
		const reply = await t.api('POST', '/api/sessions/desk/messages', { to: contact, text: 'Sorry to see you go.', lane: 'reply' });
		await jobUntil(reply.body.jobId, (j) => typeof j.messageId === 'string', 'sent');
		expect(outboxTo(CONFIRMATION)).toHaveLength(1);
		expect(outboxTo('Sorry to see you go.')).toHaveLength(1);
		expect(outboxTo('Big sale this weekend!')).toEqual([]);
		expect(events('contact.opted_out')).toHaveLength(1);

		// START: off the list, announced; the next bulk message reaches WhatsApp.
		await phone.receive({ from: contact, body: 'Start' });
		expect(await nextEvent('contact.opted_in')).toMatchObject({ contact, phone: contact, session: 'desk', keyword: 'START' });
		const again = await t.api('POST', '/api/sessions/desk/messages', { to: contact, text: 'Welcome back!' });
		expect(again.body.status).toBe('queued');
		await jobUntil(again.body.jobId, (j) => typeof j.messageId === 'string', 'sent');
		expect(outboxTo('Welcome back!')).toHaveLength(1);
		expect((await t.api('GET', '/api/opt-outs')).body.total).toBe(0);
	});
});
