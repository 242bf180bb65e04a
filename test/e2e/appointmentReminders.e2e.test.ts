import path from 'path';
import { pollUntil } from '../support/poll';
import { activate, createWorkflowFromFile, executions, failureContext, nodeItems, runManually, subscriptions } from './support/flow';
import type { Received } from '../support/receiver';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REMINDERS = path.resolve(__dirname, '../../examples/appointment-reminders.json');
const ACKS = path.resolve(__dirname, '../../examples/appointment-acks.json');
const USER_ENDPOINT = 'https://your-system.example.com/whatsapp/appointment-status';
const ENDPOINT_PATH = '/appointment-status';
const SESSION = 'main';

/** The appointments the example's Code node lists (its data is used as it is). */
const APPOINTMENTS = ['apt-1001', 'apt-1002', 'apt-1003', 'apt-1004', 'apt-1005'];
const ACK_RANK: Record<string, number> = { delivered: 2, read: 3 };

/**
 * examples/appointment-reminders.json and appointment-acks.json in a real n8n: the reminder
 * workflow sends one message per appointment with the appointment id as reference; the
 * contacts' acks reach the ack workflow, which POSTs {appointmentId, status} to "your system"
 * (a local endpoint here), also for acks that happen after the sidecar was restarted.
 */
describe('e2e: appointment reminders and their statuses', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION });
	});
	afterAll(async () => {
		await stack?.dispose();
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);
	/** The POSTs "your system" got for an appointment. */
	const postsFor = (id: string) => stack.receiver.to(ENDPOINT_PATH).filter((r) => r.body?.appointmentId === id);
	const waitForStatus = (id: string, status: string) =>
		stack.receiver.waitFor(() => postsFor(id).some((r) => r.body?.status === status), `a "${status}" POST for ${id}`, 30_000, context);
	/** The status "your system" ends with when it keeps the highest one per appointment. */
	const finalStatus = (posts: Received[]) =>
		posts.map((p) => String(p.body?.status)).sort((a, b) => (ACK_RANK[b] ?? 0) - (ACK_RANK[a] ?? 0))[0];

	it('sends one reminder per appointment; each status reaches your system with the appointment id, across a sidecar restart', async () => {
		const { n8n, sidecar, credentialId, receiver } = stack;
		const phone = stack.phone!;
		const acksWorkflow = await createWorkflowFromFile(n8n, ACKS, credentialId, { replace: { [USER_ENDPOINT]: `${receiver.origin}${ENDPOINT_PATH}` } });
		const remindersWorkflow = await createWorkflowFromFile(n8n, REMINDERS, credentialId);
		await activate(n8n, acksWorkflow.id);
		await pollUntil(
			() => subscriptions(sidecar),
			(list) => list.some((s) => String(s.url).startsWith(`${n8n.url}/webhook/`) && s.events.includes('message.ack')),
			{ timeoutMs: 30_000, everyMs: 200, what: 'the ack trigger subscription', context },
		);

		// 1. The reminders: one message per appointment, each job carrying its appointment id.
		const run = await runManually(n8n, remindersWorkflow.id, 'Test Run', { sidecar });
		expect(run.status).toBe('success');
		const appointments = nodeItems(run, "Tomorrow's Appointments").map((i) => i.json);
		expect(appointments.map((a) => a.id)).toEqual(APPOINTMENTS);
		const jobs = nodeItems(run, 'Send Reminder').map((i) => i.json);
		expect(jobs.map((j) => j.reference)).toEqual(APPOINTMENTS);
		// Send Before is each appointment's start: a reminder held back past it is never sent.
		expect(jobs.map((j) => j.sendBefore)).toEqual(appointments.map((a) => new Date(String(a.startsAt)).toISOString()));

		const outbox = await phone.waitForOutbox(APPOINTMENTS.length, 30_000);
		const chatOf = (appointment: Json) => `${String(appointment.phone).replace(/\D/g, '')}@c.us`;
		const messageOf: Record<string, string> = {};
		for (const appointment of appointments) {
			const sent = outbox.filter((m) => m.to === chatOf(appointment));
			expect(sent).toHaveLength(1);
			expect(sent[0].body).toContain(`Hi ${appointment.name}`);
			expect(sent[0].body).toContain(appointment.time);
			messageOf[appointment.id] = sent[0].id;
		}

		// 2. Some contacts' phones ack before the sidecar restarts.
		await phone.ack(messageOf['apt-1001'], 2);
		await waitForStatus('apt-1001', 'delivered');
		await phone.ack(messageOf['apt-1001'], 3);
		await phone.ack(messageOf['apt-1002'], 2);
		await phone.ack(messageOf['apt-1003'], 2);
		await waitForStatus('apt-1001', 'read');
		await waitForStatus('apt-1002', 'delivered');
		await waitForStatus('apt-1003', 'delivered');

		// 3. The sidecar restarts (SIGTERM, same data folder); the session comes back by itself.
		const before = sidecar.process.child.pid;
		await sidecar.restart();
		expect(sidecar.process.child.pid).not.toBe(before);
		await sidecar.waitForStatus(SESSION, 'READY');
		await phone.waitUntilListening();

		// 4. The other acks, of messages the previous process sent, still find their appointment.
		await phone.ack(messageOf['apt-1002'], 3);
		await phone.ack(messageOf['apt-1004'], 2);
		await phone.ack(messageOf['apt-1005'], 2);
		await waitForStatus('apt-1005', 'delivered');
		await phone.ack(messageOf['apt-1005'], 3);

		const expected: Record<string, string> = {
			'apt-1001': 'read',
			'apt-1002': 'read',
			'apt-1003': 'delivered',
			'apt-1004': 'delivered',
			'apt-1005': 'read',
		};
		await receiver.waitFor(() => APPOINTMENTS.every((id) => finalStatus(postsFor(id)) === expected[id]), 'the final status of every appointment', 30_000, context);
		const posts = receiver.to(ENDPOINT_PATH);
		expect(Object.fromEntries(APPOINTMENTS.map((id) => [id, finalStatus(postsFor(id))]))).toEqual(expected);
		// Every POST is about one of the appointments, for that appointment's phone and job.
		for (const post of posts) {
			const appointment = appointments.find((a) => a.id === post.body?.appointmentId);
			expect(appointment).toBeDefined();
			expect(post.body).toMatchObject({ to: chatOf(appointment!), jobId: jobs[APPOINTMENTS.indexOf(appointment!.id)].jobId });
			expect(['delivered', 'read']).toContain(post.body?.status);
		}
		// The ack workflow ran once per POST, without errors.
		const list = await executions(n8n, acksWorkflow.id);
		expect(list.filter((e) => e.status !== 'success').map((e) => e.status)).toEqual([]);
		expect(list.length).toBe(posts.length);
	});

	it('running the reminders again the same day sends nothing twice (the idempotency key is the appointment id)', async () => {
		const { n8n, sidecar, credentialId } = stack;
		const phone = stack.phone!;
		const workflow = await createWorkflowFromFile(n8n, REMINDERS, credentialId, { name: 'reminders, run twice' });
		const first = await runManually(n8n, workflow.id, 'Test Run', { sidecar });
		const sentBefore = phone.outbox().length;
		const second = await runManually(n8n, workflow.id, 'Test Run', { sidecar });
		expect([first.status, second.status]).toEqual(['success', 'success']);
		const again = nodeItems(second, 'Send Reminder').map((i) => i.json);
		expect(again.map((j) => [j.reference, j.duplicate])).toEqual(APPOINTMENTS.map((id) => [id, true]));
		expect(again.map((j) => j.jobId)).toEqual(nodeItems(first, 'Send Reminder').map((i) => i.json.jobId));
		expect(phone.outbox().length).toBe(sentBefore);
	});
});
