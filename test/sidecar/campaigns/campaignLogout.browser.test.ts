import type { FakePhone } from '../../fake-whatsapp-web';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';
import {
	apiOf,
	campaignUntil,
	contacts,
	createCampaign,
	fastPacing,
	incoherence,
	jobsByContact,
	readySession,
	receivedBy,
	WENT_OUT,
	type Json,
} from './campaignSupport';

const COUNT = 40;
const LOGOUT_AFTER = 4;

/**
 * A number logged out on its phone in the middle of a campaign (issue 15): with `spread` its
 * waiting messages go out from the other number; with `hold` they wait for it, and go from it
 * once it is linked again. Real whatsapp-web.js against the fake WhatsApp Web.
 */
describe('a campaign when one of its numbers is logged out', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let east: FakePhone;
	let west: FakePhone;
	const sessionOf = (phone: string) => (phone === east.number ? 'east' : 'west');

	beforeAll(async () => {
		t = await h.sidecar({ env: { SIDECAR_DEFAULT_COUNTRY_CODE: '62', SIDECAR_CAMPAIGN_PROGRESS_MS: '500' } });
		// Slow enough that the logout falls in the middle, fast enough to finish in seconds.
		east = await readySession(t, h.fake, 'east', '6281100000301', fastPacing({ minGapMs: 150 }));
		west = await readySession(t, h.fake, 'west', '6281100000302', fastPacing({ minGapMs: 300 }));
	});
	afterAll(() => expect(h.fake.unknownModules).toEqual(new Set()));

	/** Logs east out on its phone as soon as it has sent `count` messages of this campaign. */
	function logoutEastAfter(count: number, marker: string): Promise<void> {
		return new Promise((resolve, reject) => {
			const onSent = () => {
				if (east.outbox().filter((e) => e.body?.startsWith(marker)).length < count) return;
				east.off('sent', onSent);
				east.phoneLogout().then(resolve, reject);
			};
			east.on('sent', onSent);
		});
	}

	it('spread: the logged-out number\'s waiting messages go out from the other number, each contact once', async () => {
		const people = contacts(COUNT, '62858');
		const loggedOut = logoutEastAfter(LOGOUT_AFTER, 'Spread');
		const created = await createCampaign(apiOf(t), {
			name: 'Spread on logout',
			sessions: ['east', 'west'],
			strategy: 'spread',
			messages: people.map((to, i) => ({ to, text: `Spread ${i}` })),
		});
		await loggedOut;
		await waitForSession(t, 'east', status('LOGGED_OUT'));
		const done = await campaignUntil(apiOf(t), created.campaignId, (v) => v.state === 'finished', 'finished', 120_000);
		expect(incoherence(done)).toEqual([]);

		const got = receivedBy([east, west], (b) => b.startsWith('Spread'));
		const jobs = await jobsByContact(apiOf(t), created.campaignId);
		const fromEast = east.outbox().filter((e) => e.body?.startsWith('Spread')).length;
		console.log(`spread on logout: east sent ${fromEast} before its logout, west ${COUNT - fromEast}; ${JSON.stringify(done.counts)}`);
		expect(fromEast).toBeGreaterThanOrEqual(LOGOUT_AFTER);
		expect(fromEast).toBeLessThan(COUNT / 2); // east had more to send when it was logged out
		// Each contact got exactly one message; the job names the number that sent it.
		const wrong = people.map((p) => `${p}@c.us`).filter((chat) => {
			const list = got.get(chat) ?? [];
			const job = jobs.get(chat);
			return list.length !== 1 || !job || !WENT_OUT.has(job.status) || job.session !== sessionOf(list[0].phone);
		});
		expect(wrong.map((chat) => [chat, got.get(chat)?.map((g) => g.phone), jobs.get(chat)?.status, jobs.get(chat)?.session])).toEqual([]);
		expect(done.perSession.map((p: Json) => [p.session, p.sessionStatus, p.counts.sent])).toEqual([
			['east', 'LOGGED_OUT', fromEast],
			['west', 'READY', COUNT - fromEast],
		]);
	}, 180_000);

	it('hold: the logged-out number\'s messages wait for it, and go from it once it is linked again', async () => {
		// Link east again (a logout wiped its login).
		expect((await t.api('POST', '/api/sessions/east/start')).status).toBeLessThan(300);
		east = await scanSession(t, h.fake, 'east', east.number);
		await waitForSession(t, 'east', status('READY'));
		await east.waitUntilListening();

		const people = contacts(COUNT, '62859');
		const loggedOut = logoutEastAfter(LOGOUT_AFTER, 'Hold');
		const created = await createCampaign(apiOf(t), {
			name: 'Hold on logout',
			sessions: ['east', 'west'],
			strategy: 'hold',
			messages: people.map((to, i) => ({ to, text: `Hold ${i}` })),
		});
		expect(created.strategy).toBe('hold');
		await loggedOut;
		await waitForSession(t, 'east', status('LOGGED_OUT'));

		// West finishes its own share; east's stays queued on east, and nothing of it reaches west.
		const held = await campaignUntil(
			apiOf(t),
			created.campaignId,
			(v) => {
				const w = v.perSession.find((p: Json) => p.session === 'west');
				return w.counts.queued + w.counts.scheduled + w.counts.sending === 0;
			},
			'west done with its share',
		);
		const eastView = held.perSession.find((p: Json) => p.session === 'east');
		const sentByEast = east.outbox().filter((e) => e.body?.startsWith('Hold')).length;
		console.log(`hold on logout: east sent ${sentByEast} before its logout; held view ${JSON.stringify(held.perSession)}, bottleneck ${JSON.stringify(held.bottleneck)}`);
		expect(held.state).toBe('running');
		expect(eastView.counts.queued).toBeGreaterThan(0);
		expect(eastView.counts.queued + sentByEast).toBeLessThanOrEqual(COUNT / 2 + 1);
		expect(held.bottleneck).toMatchObject({ session: 'east' });
		expect(incoherence(held)).toEqual([]);
		const heldJobs = [...(await jobsByContact(apiOf(t), created.campaignId)).values()].filter((j) => j.status === 'queued');
		expect(heldJobs.every((j) => j.session === 'east')).toBe(true);
		const got = receivedBy([west], (b) => b.startsWith('Hold'));
		expect(heldJobs.filter((j) => got.has(j.to)).map((j) => j.to)).toEqual([]);

		// Linked again: east sends what waited for it.
		expect((await t.api('POST', '/api/sessions/east/start')).status).toBeLessThan(300);
		east = await scanSession(t, h.fake, 'east', east.number);
		await waitForSession(t, 'east', status('READY'));
		const done = await campaignUntil(apiOf(t), created.campaignId, (v) => v.state === 'finished', 'finished after the relink', 120_000);
		expect(incoherence(done)).toEqual([]);
		const all = receivedBy([east, west], (b) => b.startsWith('Hold'));
		const jobs = await jobsByContact(apiOf(t), created.campaignId);
		const wrong = people.map((p) => `${p}@c.us`).filter((chat) => (all.get(chat) ?? []).length !== 1);
		expect(wrong.map((chat) => [chat, all.get(chat)?.map((g) => g.phone)])).toEqual([]);
		expect(heldJobs.filter((j) => all.get(j.to)![0].phone !== east.number || jobs.get(j.to)!.session !== 'east').map((j) => j.to)).toEqual([]);
	}, 240_000);
});
