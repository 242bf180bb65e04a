import path from 'path';
import { pollUntil } from '../support/poll';
import { activate, createWorkflowFromFile, executions, failureContext, nodeItems, runManually, subscriptions, waitForExecutions } from './support/flow';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLE = path.resolve(__dirname, '../../examples/poll-confirmation.json');
const USER_ENDPOINT = 'https://your-system.example.com/whatsapp/appointment-confirmation';
const ENDPOINT_PATH = '/appointment-confirmation';
const SESSION = 'main';

/** The appointments the example's Code node lists (its data is used as it is). */
const APPOINTMENTS = [
	{ id: 'apt-2001', phone: '6281234560101', name: 'Ani' },
	{ id: 'apt-2002', phone: '6281234560102', name: 'Budi' },
	{ id: 'apt-2003', phone: '6281234560103', name: 'Citra' },
];
const CONFIRMED = 'Thank you, your appointment is confirmed. See you then!';
const RESCHEDULE = 'No problem: we will call you today to find a new time.';

/**
 * examples/poll-confirmation.json in a real n8n: its first flow sends one poll (Yes / Reschedule)
 * per appointment with the appointment id as reference; the patients vote on their phones, and
 * the second flow (a Message Trigger on poll votes) posts the answer with that appointment id to
 * "your system" (a local endpoint here) and answers the patient, quoting the poll.
 */
describe('e2e: the poll-for-appointment-confirmation example in a real n8n', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION });
	});
	afterAll(async () => {
		try {
			expect(stack?.fake.unknownModules).toEqual(new Set());
		} finally {
			await stack?.dispose();
		}
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);
	const updates = () => stack.receiver.to(ENDPOINT_PATH).map((r) => r.body as Json);

	it('sends a poll per appointment; each vote updates that appointment and gets the matching answer', async () => {
		const { n8n, sidecar, credentialId, receiver } = stack;
		const phone = stack.phone!;
		const workflow = await createWorkflowFromFile(n8n, EXAMPLE, credentialId, { replace: { [USER_ENDPOINT]: `${receiver.origin}${ENDPOINT_PATH}` } });
		await activate(n8n, workflow.id);
		await pollUntil(
			() => subscriptions(sidecar),
			(list) => list.some((s) => String(s.url).startsWith(`${n8n.url}/webhook/`) && s.events.includes('poll.vote')),
			{ timeoutMs: 30_000, everyMs: 200, what: 'the poll-vote trigger subscription', context },
		);

		// 1. One poll per appointment, each job carrying its appointment id.
		const run = await runManually(n8n, workflow.id, 'Test Run', { sidecar });
		expect(run.status).toBe('success');
		const jobs = nodeItems(run, 'Send Confirmation Poll').map((i) => i.json);
		expect(jobs.map((j) => j.reference)).toEqual(APPOINTMENTS.map((a) => a.id));
		const outbox = await phone.waitForOutbox(APPOINTMENTS.length, 30_000);
		const pollOf: Record<string, string> = {};
		for (const appointment of APPOINTMENTS) {
			const sent = outbox.filter((m) => m.to === `${appointment.phone}@c.us`);
			expect(sent).toHaveLength(1);
			expect(sent[0].poll).toMatchObject({ options: ['Yes', 'Reschedule'], selectableCount: 1 });
			expect(sent[0].poll?.question).toContain(`Hi ${appointment.name}`);
			// The poll's WhatsApp id is the job's messageId once sent.
			const job = await pollUntil(
				() => sidecar.api('GET', `/api/messages/${jobs[APPOINTMENTS.indexOf(appointment)].jobId}`).then((r) => r.body as Json),
				(j) => typeof j.messageId === 'string',
				{ timeoutMs: 30_000, what: `the poll to ${appointment.id} sent`, context },
			);
			expect(job.messageId).toBe(sent[0].id);
			pollOf[appointment.id] = sent[0].id;
		}
		const executionsBefore = (await executions(n8n, workflow.id)).length;

		// 2. Ani confirms, Budi asks to reschedule, Citra votes and takes the vote back (left out).
		await phone.vote({ from: APPOINTMENTS[0].phone, pollId: pollOf['apt-2001'], options: ['Yes'] });
		await phone.vote({ from: APPOINTMENTS[1].phone, pollId: pollOf['apt-2002'], options: ['Reschedule'] });
		await phone.vote({ from: APPOINTMENTS[2].phone, pollId: pollOf['apt-2003'], options: [] });

		await receiver.waitFor(() => updates().length >= 2, 'two appointment updates', 30_000, context);
		const list = await waitForExecutions(n8n, workflow.id, {
			sidecar,
			done: (l) => l.length >= executionsBefore + 3 && l.every((e) => e.finished || ['error', 'crashed'].includes(e.status)),
		});
		expect(list.filter((e) => e.status !== 'success').map((e) => e.status)).toEqual([]);
		expect(updates()).toEqual(
			expect.arrayContaining([
				{ appointmentId: 'apt-2001', answer: 'Yes', confirmed: true, phone: APPOINTMENTS[0].phone },
				{ appointmentId: 'apt-2002', answer: 'Reschedule', confirmed: false, phone: APPOINTMENTS[1].phone },
			]),
		);
		expect(updates()).toHaveLength(2);

		const votes = list.filter((e) => e.data?.resultData?.runData?.['On Poll Vote']);
		expect(votes).toHaveLength(3);

		// 3. The answers, each quoting the patient's poll.
		const answers = (await phone.waitForOutbox(APPOINTMENTS.length + 2, 30_000)).slice(APPOINTMENTS.length);
		expect(answers).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ to: `${APPOINTMENTS[0].phone}@c.us`, body: CONFIRMED, quotedId: pollOf['apt-2001'].split('_')[2] }),
				expect.objectContaining({ to: `${APPOINTMENTS[1].phone}@c.us`, body: RESCHEDULE, quotedId: pollOf['apt-2002'].split('_')[2] }),
			]),
		);
		// Each answer's job carries the appointment it is about.
		const answerJobs = votes.flatMap((e) => ['See You Then', "We'll Call You"].filter((n) => e.data.resultData.runData[n]).map((n) => [n, nodeItems(e, n)[0].json.reference]));
		expect(answerJobs.sort()).toEqual([
			['See You Then', 'apt-2001'],
			["We'll Call You", 'apt-2002'],
		]);
		// The vote taken back started the workflow but stopped at "Has an Answer": no update, no answer.
		const withdrawn = votes.find((e) => nodeItems(e, 'On Poll Vote')[0]?.json.reference === 'apt-2003');
		expect(withdrawn).toBeDefined();
		expect(nodeItems(withdrawn!, 'On Poll Vote')[0].json).toMatchObject({ event: 'poll_vote', selectedOptions: [], phone: APPOINTMENTS[2].phone });
		expect(withdrawn!.data.resultData.runData['Update Appointment']).toBeUndefined();
		expect(phone.outbox().filter((m) => m.to === `${APPOINTMENTS[2].phone}@c.us`)).toHaveLength(1);
	});
});
