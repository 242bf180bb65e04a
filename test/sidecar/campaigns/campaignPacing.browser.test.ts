import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { startReceiver, type Receiver } from '../../support/receiver';
import { useSidecarHarness } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';
import {
	apiOf,
	campaignJobs,
	campaignUntil,
	campaignView,
	contacts,
	createCampaign,
	fastPacing,
	incoherence,
	readySession,
	receivedBy,
	WENT_OUT,
	type Json,
} from './campaignSupport';

const SECRET = 'campaign-events-secret-01';
const NORTH_PER_DAY = 80;
const SOUTH_WARMUP_PER_DAY = 120;

/**
 * A 200-contact campaign over two numbers (issue 15), through the real whatsapp-web.js and the
 * fake WhatsApp Web, with every pacing rule on but fast: north has a daily cap below its share,
 * south is a newly linked number whose first warm-up stage allows 120 a day, so the two caps
 * together hold exactly the 200 messages and `spread` must move north's rest to south. Then a
 * second campaign over the same contacts: each gets the number that wrote to them the first time.
 */
describe('a campaign over two paced numbers', () => {
	const h = useSidecarHarness();
	let receiver: Receiver;
	let t: TestSidecar;
	let north: FakePhone;
	let south: FakePhone;
	const people = contacts(200);
	const chatOf = (n: string) => `${n}@c.us`;
	/** Which phone wrote to each contact in the first campaign. */
	const firstNumber = new Map<string, string>();

	const events = (type: string, campaignId: string) =>
		receiver.to('/campaigns').filter((r) => r.body?.type === type && r.body.payload.campaignId === campaignId).map((r) => r.body);

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62', SIDECAR_CAMPAIGN_PROGRESS_MS: '500' } });
		const hook = await t.api('POST', '/api/webhooks', { url: `${receiver.origin}/campaigns`, events: ['campaign.progress', 'campaign.finished'], secret: SECRET });
		expect([hook.status, hook.body.error]).toEqual([201, undefined]);
		north = await readySession(t, h.fake, 'north', '6281100000201', fastPacing({ caps: { perDay: NORTH_PER_DAY } }));
		// Linked a moment ago: day 1 of its warm-up, whose stage allows 120 in 24 h.
		south = await readySession(t, h.fake, 'south', '6281100000202', fastPacing({ warmup: { enabled: true, schedule: [{ days: 1, perDay: SOUTH_WARMUP_PER_DAY }] } }));
	});
	afterAll(async () => {
		expect(h.fake.unknownModules).toEqual(new Set());
		await receiver.close();
	});

	it('sends each of 200 contacts one message from one number, within each number\'s daily cap and warm-up', async () => {
		const created = await createCampaign(apiOf(t), {
			name: 'Spring sale',
			sessions: ['north', 'south'],
			messages: people.map((to, i) => ({ to, text: `Spring sale, contact ${i}`, reference: { contact: i } })),
		});
		expect(created).toMatchObject({ duplicate: false, state: 'running', strategy: 'spread', sessions: ['north', 'south'], total: 200, duplicatesDropped: 0 });
		expect(created.campaignId).toMatch(/^cmp_/);
		expect(incoherence(created)).toEqual([]);
		const id = created.campaignId as string;

		// While it runs: every view is coherent; something waits, so there is an estimate and a bottleneck.
		const running = await campaignView(apiOf(t), id);
		expect(incoherence(running)).toEqual([]);
		if (running.state === 'running') expect([typeof running.estimatedFinishAt, typeof running.bottleneck?.reason]).toEqual(['string', 'string']);

		const views: Json[] = [];
		const done = await campaignUntil(apiOf(t), id, (v) => (views.push(v), v.state === 'finished'), 'finished', 150_000);
		expect(views.flatMap((v) => incoherence(v).map((p) => `${v.counts.sent} sent: ${p}`))).toEqual([]);

		// The phones: each contact got exactly one message, from one number, within the caps.
		const got = receivedBy([north, south], (b) => b.startsWith('Spring sale'));
		const twice = people.filter((p) => (got.get(chatOf(p)) ?? []).length !== 1);
		expect(twice.map((p) => [p, got.get(chatOf(p))?.map((g) => g.phone)])).toEqual([]);
		const fromNorth = north.outbox().length;
		const fromSouth = south.outbox().length;
		console.log(`campaign over two numbers: north sent ${fromNorth} (cap ${NORTH_PER_DAY}), south ${fromSouth} (warm-up ${SOUTH_WARMUP_PER_DAY})`);
		expect(fromNorth).toBeLessThanOrEqual(NORTH_PER_DAY);
		expect(fromSouth).toBeLessThanOrEqual(SOUTH_WARMUP_PER_DAY);
		expect(fromNorth + fromSouth).toBe(200);
		people.forEach((p, i) => {
			const [{ phone, entry }] = got.get(chatOf(p))!;
			expect(entry.body).toBe(`Spring sale, contact ${i}`);
			firstNumber.set(chatOf(p), phone);
		});

		// The jobs agree with the phones: session, message id, reference, campaign id.
		const jobs = await campaignJobs(apiOf(t), id);
		expect(jobs).toHaveLength(200);
		const sessionOf = { [north.number]: 'north', [south.number]: 'south' };
		const disagree = jobs.filter((j) => {
			const [{ phone, entry }] = got.get(j.to) ?? [{ phone: '', entry: { id: '' } }];
			return !WENT_OUT.has(j.status) || j.session !== sessionOf[phone] || j.messageId !== entry.id || j.campaignId !== id || j.lane !== 'bulk';
		});
		expect(disagree.map((j) => [j.to, j.status, j.session, j.messageId])).toEqual([]);
		expect(new Set(jobs.map((j) => j.reference.contact))).toEqual(new Set(people.map((_, i) => i)));
		// Half each at first (the fewest messages first); what north could not send today was moved to south.
		const moved = jobs.filter((j) => j.history.some((e: Json) => /cannot send \(perDay\), moved to south/.test(e.detail ?? '')));
		expect(moved.length).toBe(fromSouth - 100);
		expect(moved.every((j) => j.session === 'south')).toBe(true);

		// The finished view: everything sent, each session's count is what its phone got.
		expect(done).toMatchObject({ total: 200, counts: { sent: 200, failed: 0, queued: 0, sending: 0 }, failedByCode: {}, estimatedFinishAt: null, bottleneck: null });
		expect(done.perSession.map((p: Json) => [p.session, p.sessionStatus, p.counts.sent])).toEqual([
			['north', 'READY', fromNorth],
			['south', 'READY', fromSouth],
		]);
		// The queues counted the same sends.
		const queues = await Promise.all(['north', 'south'].map((s) => t.api('GET', `/api/sessions/${s}/queue`).then((r) => r.body)));
		expect(queues.map((q) => q.totals?.sent)).toEqual([fromNorth, fromSouth]);

		// Events: progress while it ran (coherent views of this campaign), finished once, on the first session's envelope.
		await receiver.waitFor(() => events('campaign.finished', id).length > 0, 'campaign.finished', 30_000, apiOf(t).tail);
		const progress = events('campaign.progress', id);
		expect(progress.length).toBeGreaterThan(0);
		// A progress event can go out while the 200 are still being accepted (counts below the total), never after with fewer.
		expect(progress.flatMap((e) => incoherence(e.payload, { accepting: true }))).toEqual([]);
		expect(incoherence(progress.at(-1)!.payload)).toEqual([]);
		expect([...progress, ...events('campaign.finished', id)].every((e) => e.session === 'north')).toBe(true);
		expect(receiver.to('/campaigns').every((r) => receiver.verifies(r, SECRET))).toBe(true);
		const [finished] = events('campaign.finished', id);
		expect(finished.payload).toMatchObject({ campaignId: id, state: 'finished', counts: { sent: 200 } });
		// The last progress event comes no later than the finished one.
		expect(Math.max(...progress.map((e) => Date.parse(e.timestamp)))).toBeLessThanOrEqual(Date.parse(finished.timestamp));
	}, 240_000);

	it('gives each contact the same number in a second campaign', async () => {
		expect(firstNumber.size).toBe(200); // the first test ran
		// Lift the caps the first campaign used up, so both numbers can send again.
		for (const [id, pacing] of [['north', { caps: { perDay: 10_000 } }], ['south', { warmup: { enabled: false } }]] as const) {
			const patched = await t.api('PATCH', `/api/sessions/${id}`, { config: { pacing } });
			expect([patched.status, patched.body.error]).toEqual([200, undefined]);
		}
		const before = { north: north.outbox().length, south: south.outbox().length };
		const second = await createCampaign(apiOf(t), {
			name: 'Summer sale',
			sessions: ['north', 'south'],
			messages: [...people].reverse().map((to) => ({ to, text: `Summer sale for ${to}` })),
		});
		const done = await campaignUntil(apiOf(t), second.campaignId, (v) => v.state === 'finished', 'finished', 150_000);
		expect(done.counts.sent).toBe(200);

		const got = receivedBy([north, south], (b) => b.startsWith('Summer sale'));
		const moved = people.filter((p) => {
			const list = got.get(chatOf(p)) ?? [];
			return list.length !== 1 || list[0].phone !== firstNumber.get(chatOf(p));
		});
		expect(moved.map((p) => [p, firstNumber.get(chatOf(p)), got.get(chatOf(p))?.map((g) => g.phone)])).toEqual([]);
		expect(north.outbox().length - before.north + south.outbox().length - before.south).toBe(200);
		// Only one campaign.finished per campaign, also for the first one.
		await receiver.waitFor(() => events('campaign.finished', second.campaignId).length > 0, 'campaign.finished (second)', 30_000);
		const finishedIds = receiver.to('/campaigns').filter((r) => r.body?.type === 'campaign.finished').map((r) => r.body.payload.campaignId);
		expect(finishedIds.sort()).toEqual([...new Set(finishedIds)].sort());
		expect(finishedIds).toHaveLength(2);
		await pollUntil(() => t.api('GET', '/api/campaigns').then((r) => r.body.campaigns.map((c: Json) => c.campaignId)), (ids) => ids.length === 2, { what: 'both campaigns listed' }).then((ids) =>
			expect(ids).toEqual([second.campaignId, expect.any(String)]),
		);
	}, 240_000);
});
