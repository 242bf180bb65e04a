import path from 'path';
import type { FakePhone } from '../fake-whatsapp-web';
import type { OutboxEntry } from '../fake-whatsapp-web/types';
import { pollUntil } from '../support/poll';
import { activate, createWorkflowFromFile, executions, failureContext, nodeItems, runManually, subscriptions, waitForExecutions } from './support/flow';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLE = path.resolve(__dirname, '../../examples/campaign.json');
const SESSIONS = ['main', 'second'] as const;
const CAMPAIGN_NAME = 'Spring sale 2026';
/** The example's Code node: contact-01 … contact-20, phone +62 813-0000-00NN, name Customer NN. */
const CONTACTS = Array.from({ length: 20 }, (_, i) => {
	const n = String(i + 1).padStart(2, '0');
	return { id: `contact-${n}`, phone: `62813000000${n}`, name: `Customer ${n}` };
});
/** Writes STOP before the campaign exists. */
const EARLY = CONTACTS[2];
const GAP_MS = 400;
/** Campaign messages, not the opt-out confirmations (reply lane) the sidecar answers STOP with. */
const isCampaignMessage = (m: OutboxEntry) => typeof m.body === 'string' && m.body.startsWith('Hi Customer');

/**
 * examples/campaign.json in a real n8n against a sidecar with pacing ON and two linked numbers:
 * the workflow's Campaign → Create makes ONE campaign of the 20 contacts over both numbers; every
 * contact gets exactly one message from one of them, and both numbers send. A contact who wrote
 * STOP before the campaign, and one who writes STOP while it runs, are skipped, and each STOP
 * runs the workflow's opt-out branch (a Message Trigger on contact.opted_out). Running the workflow
 * again gives back the same campaign.
 */
describe('e2e: a campaign over two numbers, with opt-outs', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ session: SESSIONS[0], moreSessions: [{ session: SESSIONS[1] }], sidecarEnv: { SIDECAR_PACING: 'on' } });
	});
	afterAll(async () => {
		try {
			expect(stack?.fake.unknownModules).toEqual(new Set());
		} finally {
			await stack?.dispose();
		}
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);
	const api = async (method: string, apiPath: string, body?: object) => {
		const answer = await stack.sidecar.api(method, apiPath, body);
		if (answer.status >= 300) throw new Error(`${method} ${apiPath}: ${answer.status} ${JSON.stringify(answer.body)}\n${context()}`);
		return answer.body;
	};
	const campaignMessages = (phone: FakePhone) => phone.outbox().filter(isCampaignMessage);
	const sentCount = () => SESSIONS.reduce((sum, s) => sum + campaignMessages(stack.phones[s]).length, 0);
	/** The workflow's executions that ran the opt-out branch, as Record Opt-Out's items. */
	const optOutRecords = async (workflowId: string) =>
		(await executions(stack.n8n, workflowId)).filter((e) => e.data?.resultData?.runData?.['Record Opt-Out']).map((e) => nodeItems(e, 'Record Opt-Out')[0]?.json);

	it('sends each contact one message from one of the two numbers, uses both, and skips who wrote STOP before or during it', async () => {
		const { n8n, sidecar, credentialId } = stack;

		// A short gap per number instead of 30–60 s, high caps, no warm-up: still paced by each session.
		// The contacts never wrote to these numbers, so the first-contact cap is raised as well.
		for (const session of SESSIONS) {
			await api('PATCH', `/api/sessions/${session}`, {
				config: {
					pacing: {
						minGapMs: GAP_MS,
						jitterMs: 0,
						caps: { perMinute: 1000, perHour: 10_000, perDay: 10_000, perRecipientPerHour: 100, firstContactPerDay: 1000 },
						warmup: { enabled: false },
					},
				},
			});
		}

		const workflow = await createWorkflowFromFile(n8n, EXAMPLE, credentialId);
		await activate(n8n, workflow.id);
		await pollUntil(
			() => subscriptions(sidecar),
			(list) => list.some((s) => String(s.url).startsWith(`${n8n.url}/webhook/`) && s.events.includes('contact.opted_out')),
			{ timeoutMs: 30_000, everyMs: 200, what: 'the opt-out trigger subscription', context },
		);

		// 1. Before the campaign: a contact writes STOP to the first number; the opt-out branch records it.
		await stack.phones.main.receive({ from: EARLY.phone, body: 'STOP' });
		await waitForExecutions(n8n, workflow.id, { sidecar, done: (list) => list.some((e) => e.status === 'success') });
		expect(await optOutRecords(workflow.id)).toEqual([expect.objectContaining({ phone: EARLY.phone, optedOut: true, keyword: 'STOP', number: 'main' })]);

		// 2. The campaign is created from n8n: one item out, paired with the 20 contacts.
		const run = await runManually(n8n, workflow.id, 'Start Campaign', { sidecar });
		expect(run.status).toBe('success');
		expect(nodeItems(run, 'Contacts').map((i) => i.json.id)).toEqual(CONTACTS.map((c) => c.id));
		const created = nodeItems(run, 'Create Campaign');
		expect(created).toHaveLength(1);
		expect(created[0].pairedItem).toHaveLength(CONTACTS.length);
		const campaign = created[0].json;
		expect(campaign).toMatchObject({ name: CAMPAIGN_NAME, sessions: [...SESSIONS], total: CONTACTS.length, duplicate: false, strategy: 'spread' });
		const campaignPath = `/api/campaigns/${campaign.campaignId}`;

		// 3. While it runs: pause it once a few went out, so the contact chosen next has surely not been
		//    sent to yet; that contact writes STOP to the OTHER number (the list is shared); then resume.
		await pollUntil(sentCount, (n) => n >= 2, { timeoutMs: 60_000, everyMs: 100, what: 'the first campaign messages', context });
		expect((await api('POST', `${campaignPath}/pause`)).state).toBe('paused');
		const paused = await pollUntil(() => api('GET', campaignPath), (c) => c.counts.sending === 0, { timeoutMs: 15_000, everyMs: 100, what: 'no campaign message being sent', context });
		expect(paused.state).toBe('paused');
		const { jobs: waiting } = await api('GET', `${campaignPath}/messages?status=queued,scheduled&limit=1000`);
		expect(waiting.length).toBeGreaterThan(0);
		const duringJob = waiting[waiting.length - 1];
		const during = CONTACTS.find((c) => duringJob.to === `${c.phone}@c.us`)!;
		expect(during).toBeDefined();
		const otherNumber = SESSIONS.find((s) => s !== duringJob.session)!;
		await stack.phones[otherNumber].receive({ from: during.phone, body: 'STOP' });
		await pollUntil(() => optOutRecords(workflow.id), (records) => records.length === 2, { timeoutMs: 30_000, everyMs: 250, what: 'the second opt-out recorded', context });
		expect(await api('POST', `${campaignPath}/resume`)).toMatchObject({ state: 'running' });

		// 4. It finishes: 18 sent, the two opted-out contacts skipped.
		const finished = await pollUntil(() => api('GET', campaignPath), (c) => c.state === 'finished', { timeoutMs: 120_000, everyMs: 250, what: 'the campaign finished', context });
		const sentLike = ['sent', 'delivered', 'read', 'played'].reduce((sum, status) => sum + finished.counts[status], 0);
		expect({ sent: sentLike, skipped: finished.counts.skipped, failed: finished.counts.failed }).toEqual({ sent: CONTACTS.length - 2, skipped: 2, failed: 0 });

		// Every job: its contact's reference; the opted-out ones skipped with OPTED_OUT.
		const { jobs } = await api('GET', `${campaignPath}/messages?limit=1000`);
		expect(jobs).toHaveLength(CONTACTS.length);
		const jobOf = (contact: (typeof CONTACTS)[number]) => jobs.find((j: Json) => j.to === `${contact.phone}@c.us`);
		for (const contact of CONTACTS) expect(jobOf(contact)).toMatchObject({ reference: contact.id, campaignId: campaign.campaignId });
		for (const contact of [EARLY, during]) expect(jobOf(contact)).toMatchObject({ status: 'skipped', error: { code: 'OPTED_OUT' } });

		// 5. What the phones sent: each contact exactly one campaign message, from the number its job
		//    names, with its name filled in; none to the opted-out; both numbers used; each paced.
		for (const contact of CONTACTS) {
			const received = SESSIONS.flatMap((session) => campaignMessages(stack.phones[session]).filter((m) => m.to === `${contact.phone}@c.us`).map((m) => ({ session, body: m.body })));
			if (contact === EARLY || contact === during) {
				expect(received).toEqual([]);
				continue;
			}
			expect(received).toEqual([{ session: jobOf(contact).session, body: `Hi ${contact.name}! Our spring sale starts today: 20% off everything until Sunday. Reply STOP if you do not want these messages.` }]);
		}
		for (const session of SESSIONS) {
			const sent = campaignMessages(stack.phones[session]);
			expect(sent.length).toBeGreaterThan(0);
			const times = sent.map((m) => m.timestamp).sort((a, b) => a - b);
			expect(Math.min(...times.slice(1).map((t, i) => t - times[i]))).toBeGreaterThanOrEqual(GAP_MS);
		}
		expect(finished.perSession.map((s: Json) => s.session).sort()).toEqual([...SESSIONS].sort());

		// 6. The opt-out branch ran once per STOP, with who and which number.
		expect(await optOutRecords(workflow.id)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ phone: EARLY.phone, number: 'main' }),
				expect.objectContaining({ phone: during.phone, number: otherNumber, keyword: 'STOP', optedOut: true }),
			]),
		);

		// 7. Running the workflow again (its idempotency key is fixed) gives back the same campaign: nothing new to send.
		const again = await runManually(n8n, workflow.id, 'Start Campaign', { sidecar });
		expect(again.status).toBe('success');
		expect(nodeItems(again, 'Create Campaign').map((i) => i.json)).toEqual([expect.objectContaining({ campaignId: campaign.campaignId, duplicate: true, total: CONTACTS.length })]);
		expect((await api('GET', `${campaignPath}/messages?limit=1000`)).jobs).toHaveLength(CONTACTS.length);
		expect((await api('GET', campaignPath)).state).toBe('finished');

		const list = await executions(n8n, workflow.id);
		expect(list.filter((e) => e.status !== 'success').map((e) => e.status)).toEqual([]);
	});
});
