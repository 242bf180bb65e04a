import path from 'path';
import { pollUntil } from '../support/poll';
import { createWorkflowFromFile, failureContext, nodeItems, runManually } from './support/flow';
import { sleep } from './support/n8n';
import { startStack, type Stack } from './support/stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/campaign.json');
const SESSION = 'main';
const CONTACTS = 30;
const GAP_MS = 300;
/** How long the paused queue must hold every remaining message. */
const HOLD_WINDOW_MS = 3_000;

/**
 * examples/campaign.json in a real n8n against a sidecar with pacing ON (not SIDECAR_PACING=off):
 * the session's pacing is set to a short fixed gap, the workflow queues 30 messages on the bulk
 * lane, and the sidecar sends them paced; pausing the queue holds the rest until it is resumed.
 * Timing is asserted as a lower bound only (sends at least the gap apart).
 */
describe('e2e: a paced campaign', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION, sidecarEnv: { SIDECAR_PACING: 'on' } });
	});
	afterAll(async () => {
		await stack?.dispose();
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);
	const queue = () => stack.sidecar.api('GET', `/api/sessions/${SESSION}/queue`).then((r) => r.body);

	it('sends each contact exactly one message, at least the gap apart; a paused queue holds the rest until resumed', async () => {
		const { n8n, sidecar, credentialId } = stack;
		const phone = stack.phone!;

		// A short gap instead of 30–60 s, high caps, no warm-up: still paced by the sidecar. The 30
		// contacts never wrote to the phone, so the first-contact cap (20 a day) is raised as well.
		const patched = await sidecar.api('PATCH', `/api/sessions/${SESSION}`, {
			config: {
				pacing: {
					minGapMs: GAP_MS,
					jitterMs: 0,
					caps: { perMinute: 1000, perHour: 10_000, perDay: 10_000, perRecipientPerHour: 100, firstContactPerDay: 1000 },
					warmup: { enabled: false },
				},
			},
		});
		expect(patched.status).toBe(200);
		expect(await queue()).toMatchObject({ pacing: 'on', depth: 0 });

		// The workflow only queues: it ends long before the last message goes out.
		const workflow = await createWorkflowFromFile(n8n, EXAMPLE, credentialId);
		const run = await runManually(n8n, workflow.id, 'Start Campaign', { sidecar });
		expect(run.status).toBe('success');
		const contacts = nodeItems(run, 'Contacts').map((i) => i.json);
		expect(contacts).toHaveLength(CONTACTS);
		const jobs = nodeItems(run, 'Queue Message').map((i) => i.json);
		expect(jobs.map((j) => j.reference)).toEqual(contacts.map((c) => c.id));
		expect(new Set(jobs.map((j) => j.jobId)).size).toBe(CONTACTS);
		expect(phone.outbox().length).toBeLessThan(CONTACTS);

		// Pause after a few went out: once the send under way (if any) is done, nothing more leaves.
		await phone.waitForOutbox(5, 30_000);
		expect((await sidecar.api('POST', `/api/sessions/${SESSION}/queue/pause`)).status).toBe(200);
		const paused = await pollUntil(queue, (q) => q.paused === true && q.waitingFor === 'paused' && q.sending === 0, {
			timeoutMs: 15_000,
			everyMs: 50,
			what: 'the queue paused with no send under way',
			context,
		});
		const held = phone.outbox().length;
		expect(held).toBeLessThan(CONTACTS);
		expect(paused.depth).toBe(CONTACTS - held);
		const windowEnd = Date.now() + HOLD_WINDOW_MS;
		while (Date.now() < windowEnd) {
			expect(phone.outbox().length).toBe(held);
			expect(await queue()).toMatchObject({ paused: true, waitingFor: 'paused', depth: CONTACTS - held });
			await sleep(200);
		}

		// Resume: the rest goes out.
		expect((await sidecar.api('POST', `/api/sessions/${SESSION}/queue/resume`)).status).toBe(200);
		await phone.waitForOutbox(CONTACTS, 60_000).catch((error) => {
			throw new Error(`${(error as Error).message}\n${context()}`);
		});
		await pollUntil(queue, (q) => q.depth === 0 && q.sending === 0, { timeoutMs: 15_000, everyMs: 100, what: 'the queue drained', context });

		// Exactly one message per contact, with the contact's name.
		const outbox = phone.outbox();
		expect(outbox).toHaveLength(CONTACTS);
		for (const contact of contacts) {
			const sent = outbox.filter((m) => m.to === `${String(contact.phone).replace(/\D/g, '')}@c.us`);
			expect(sent.map((m) => m.body)).toEqual([expect.stringContaining(`Hi ${contact.name}!`)]);
		}
		// Paced: consecutive sends at least the gap apart (a lower bound only; the pause made one gap longer).
		const times = outbox.map((m) => m.timestamp).sort((a, b) => a - b);
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(GAP_MS);
		expect(Math.max(...gaps)).toBeGreaterThanOrEqual(HOLD_WINDOW_MS);
		const final = await queue();
		expect(final).toMatchObject({ paused: false, depth: 0 });
		expect(final.totals.sent).toBe(CONTACTS);
	});
});
