import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { useSidecarHarness } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';
import { apiOf, campaignUntil, contacts, createCampaign, fastPacing, incoherence, jobsByContact, readySession, receivedBy, WENT_OUT, type Json } from './campaignSupport';

const COUNT = 20;

/**
 * Opt-outs in a campaign (issue 15): contacts already on the list are skipped (OPTED_OUT) and
 * never reach a phone; a contact who writes STOP after the campaign started, before their turn,
 * is skipped too, even though they wrote to the other number (one list for all numbers).
 */
describe('a campaign honours the opt-out list', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	const phones: Record<string, FakePhone> = {};

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62', SIDECAR_CAMPAIGN_PROGRESS_MS: '500' } });
		const hook = await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/skipped`, events: ['message.skipped', 'contact.opted_out'], secret: 'campaign-optout-secret-01' });
		expect(hook.status).toBe(201);
		// 400 ms between messages: ten each take seconds, so the last contacts' turn is well after the start.
		phones.left = await readySession(t, h.fake, 'left', '6281100000401', fastPacing({ minGapMs: 400 }));
		phones.right = await readySession(t, h.fake, 'right', '6281100000402', fastPacing({ minGapMs: 400 }));
	});
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('skips listed contacts and one who says STOP halfway; everyone else gets one message', async () => {
		const people = contacts(COUNT, '62856');
		const listed = [people[2], people[7], people[11]];
		for (const contact of listed) expect((await t.api('POST', '/api/opt-outs', { contact, reason: 'asked by phone' })).status).toBe(201);
		const stopper = people[COUNT - 1]; // the last in the list: their turn comes last

		const created = await createCampaign(apiOf(t), {
			name: 'Newsletter',
			sessions: ['left', 'right'],
			messages: people.map((to, i) => ({ to, text: `Newsletter ${i}`, reference: { contact: i } })),
		});
		const id = created.campaignId as string;

		// The campaign is under way; the stopper's message still waits, on some number.
		await pollUntil(() => phones.left.outbox().length + phones.right.outbox().length, (n) => n >= 1, { what: 'the first message sent', context: apiOf(t).tail });
		const stopperJob = (await jobsByContact(apiOf(t), id)).get(`${stopper}@c.us`)!;
		expect(stopperJob.status).toBe('queued');
		// They write STOP to the OTHER number: the list is shared, so their number must skip them too.
		const other = stopperJob.session === 'left' ? 'right' : 'left';
		await phones[other].receive({ from: stopper, body: 'STOP' });
		await receiver.waitFor(() => receiver.to('/skipped').some((r) => r.body?.type === 'contact.opted_out' && r.body.payload.contact === stopper), 'contact.opted_out', 30_000, apiOf(t).tail);

		const done = await campaignUntil(apiOf(t), id, (v) => v.state === 'finished', 'finished');
		expect(incoherence(done)).toEqual([]);
		expect(done.counts).toMatchObject({ skipped: listed.length + 1, failed: 0 });
		expect(done.counts.sent + done.counts.delivered + done.counts.read).toBe(COUNT - listed.length - 1);

		const jobs = await jobsByContact(apiOf(t), id);
		const got = receivedBy([phones.left, phones.right], (b) => b.startsWith('Newsletter'));
		const skipped = [...listed, stopper];
		for (const contact of skipped) {
			const job = jobs.get(`${contact}@c.us`)!;
			expect([contact, job.status, job.error?.code]).toEqual([contact, 'skipped', 'OPTED_OUT']);
			expect(got.get(`${contact}@c.us`)).toBeUndefined();
		}
		const others = people.filter((p) => !skipped.includes(p));
		const wrong = others.filter((p) => (got.get(`${p}@c.us`) ?? []).length !== 1 || !WENT_OUT.has(jobs.get(`${p}@c.us`)!.status));
		expect(wrong).toEqual([]);
		// The stopper got the confirmation from the number they wrote to, and nothing else.
		expect(phones[stopperJob.session].outbox().filter((e) => e.to === `${stopper}@c.us`)).toEqual([]);

		// message.skipped for each, with the campaign and the message's reference.
		await receiver.waitFor(
			() => receiver.to('/skipped').filter((r) => r.body?.type === 'message.skipped').length >= skipped.length,
			'message.skipped for each skipped contact',
		);
		const events = receiver.to('/skipped').filter((r) => r.body?.type === 'message.skipped').map((r) => r.body.payload as Json);
		expect(events.map((p) => [p.to, p.campaignId, p.reference.contact, p.error.code]).sort()).toEqual(
			skipped.map((c) => [`${c}@c.us`, id, people.indexOf(c), 'OPTED_OUT']).sort(),
		);
	}, 180_000);
});
