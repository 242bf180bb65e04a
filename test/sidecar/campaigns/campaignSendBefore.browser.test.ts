import type { FakePhone } from '../../fake-whatsapp-web';
import { startReceiver, type Receiver } from '../../support/receiver';
import { useSidecarHarness } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';
import { apiOf, campaignJobs, campaignUntil, contacts, createCampaign, fastPacing, incoherence, readySession, WENT_OUT, type Json } from './campaignSupport';

const COUNT = 30;

/**
 * A campaign's sendBefore (issue 15): messages still held by the pacing when it comes are never
 * sent; they end `expired` (SEND_WINDOW_PASSED) with message.expired carrying their reference and
 * the campaign id, and the phone gets nothing after the deadline.
 */
describe('a campaign stops at its sendBefore', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	let phone: FakePhone;

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62', SIDECAR_CAMPAIGN_PROGRESS_MS: '500' } });
		const hook = await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/expired`, events: ['message.expired', 'campaign.finished'], secret: 'campaign-window-secret-01' });
		expect(hook.status).toBe(201);
		// One message every 500 ms: 30 would take 15 s, the window closes after a few.
		phone = await readySession(t, h.fake, 'clinic', '6281100000501', fastPacing({ minGapMs: 500 }));
	});
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('expires what the pacing still holds at the deadline; nothing goes after it', async () => {
		const people = contacts(COUNT, '62855');
		const sendBefore = new Date(Date.now() + 4_000).toISOString();
		const created = await createCampaign(apiOf(t), {
			name: 'Reminders for today',
			sessions: ['clinic'],
			sendBefore,
			messages: people.map((to, i) => ({ to, text: `Reminder ${i}`, reference: { appointment: i } })),
		});
		expect(created.sendBefore).toBe(sendBefore);
		const id = created.campaignId as string;

		const done = await campaignUntil(apiOf(t), id, (v) => v.state === 'finished', 'finished', 60_000);
		expect(incoherence(done)).toEqual([]);
		const jobs = await campaignJobs(apiOf(t), id);
		const sent = jobs.filter((j) => WENT_OUT.has(j.status));
		const expired = jobs.filter((j) => j.status === 'expired');
		console.log(`sendBefore: ${sent.length} sent, ${expired.length} expired; ${JSON.stringify(done.counts)}`);
		expect(sent.length + expired.length).toBe(COUNT);
		expect(sent.length).toBeGreaterThan(0);
		expect(expired.length).toBeGreaterThan(0);
		expect(done.counts.expired).toBe(expired.length);
		expect(expired.filter((j) => j.error?.code !== 'SEND_WINDOW_PASSED' || j.messageIds?.length)).toEqual([]);

		// The phone: exactly the sent ones, each before the deadline.
		const outbox = phone.outbox();
		expect(outbox.map((e) => e.id).sort()).toEqual(sent.map((j) => j.messageId).sort());
		expect(outbox.filter((e) => e.timestamp > Date.parse(sendBefore)).map((e) => [e.body, new Date(e.timestamp).toISOString()])).toEqual([]);
		const expiredTo = new Set(expired.map((j) => j.to));
		expect(outbox.filter((e) => expiredTo.has(e.to))).toEqual([]);

		// message.expired once per expired message, with its reference and the campaign id.
		const expiredEvents = () => receiver.to('/expired').filter((r) => r.body?.type === 'message.expired').map((r) => r.body.payload as Json);
		await receiver.waitFor(() => expiredEvents().length >= expired.length, 'message.expired for each expired message', 30_000, apiOf(t).tail);
		expect(expiredEvents().map((p) => [p.jobId, p.campaignId, p.reference.appointment, p.error.code]).sort()).toEqual(
			expired.map((j) => [j.jobId, id, j.reference.appointment, 'SEND_WINDOW_PASSED']).sort(),
		);
		await receiver.waitFor(() => receiver.to('/expired').some((r) => r.body?.type === 'campaign.finished'), 'campaign.finished');
		const finished = receiver.to('/expired').filter((r) => r.body?.type === 'campaign.finished');
		expect(finished.map((r) => [r.body.payload.campaignId, r.body.payload.counts.expired])).toEqual([[id, expired.length]]);
	}, 120_000);
});
