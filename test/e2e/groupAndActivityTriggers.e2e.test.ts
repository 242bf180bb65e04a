import { randomUUID } from 'crypto';
import { pollUntil } from '../support/poll';
import { activate, executions, failureContext, nodeItems, subscriptions, waitForExecutions } from './support/flow';
import { TYPES } from './support/package';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SESSION = 'main';
const ME = '6281100000500';
const ANA = '6281100000501';
const BUDI = '6281100000502';
const PATIENT = '6281100000503';

/**
 * The WhatsApp Group Trigger, and the Message Trigger's other events (reactions, edits,
 * deletions, incoming calls), active in a real n8n: what people do on WhatsApp (the fake's
 * groups and phone) reaches each workflow as one execution whose item a no-code user reads
 * (`summary`, `event`, `phone`, `emoji`, `text`, the sent message's `reference`).
 */
describe('e2e: the Group Trigger and the Message Trigger\'s activity events in a real n8n', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION, phoneNumber: ME });
	});
	afterAll(async () => {
		try {
			expect(stack?.fake.unknownModules).toEqual(new Set());
		} finally {
			await stack?.dispose();
		}
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);

	/** An active workflow: `trigger` (one of ours, with the stack's credential) → a No Op node; its id once the sidecar has its subscription. */
	async function activeTriggerWorkflow(name: string, type: string, parameters: Json, event: string): Promise<string> {
		const { n8n, sidecar, credentialId } = stack;
		const workflow = await n8n.api('POST', '/workflows', {
			name,
			nodes: [
				{
					parameters,
					id: randomUUID(),
					name: 'Trigger',
					type,
					typeVersion: 1,
					position: [0, 0],
					webhookId: randomUUID(),
					credentials: { [TYPES.credential]: { id: credentialId, name: 'WhatsApp Sidecar (e2e)' } },
				},
				{ parameters: {}, id: randomUUID(), name: 'Seen', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0] },
			],
			connections: { Trigger: { main: [[{ node: 'Seen', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		await activate(n8n, workflow.id);
		await pollUntil(
			() => subscriptions(sidecar),
			(list) => list.some((s) => String(s.url).startsWith(`${n8n.url}/webhook/`) && s.events.includes(event)),
			{ timeoutMs: 30_000, everyMs: 200, what: `the subscription of "${name}"`, context },
		);
		return workflow.id as string;
	}

	/** Waits for the workflow's next successful execution; its trigger item. */
	async function nextItem(workflowId: string, seen: number): Promise<Json> {
		const list = await waitForExecutions(stack.n8n, workflowId, {
			sidecar: stack.sidecar,
			done: (l) => l.length > seen && l.every((e) => e.finished || ['error', 'crashed'].includes(e.status)),
		});
		expect(list.length).toBe(seen + 1);
		expect(list[0].status).toBe('success');
		const items = nodeItems(list[0], 'Trigger').map((i) => i.json);
		expect(items).toHaveLength(1);
		return items[0];
	}

	it('Group Trigger (Joined, Left): someone is added to a group, then leaves; each item has its summary and phones', async () => {
		const { fake } = stack;
		const workflowId = await activeTriggerWorkflow(
			'group joins and leaves',
			TYPES.groupTrigger,
			{ sessions: [], events: ['group.join', 'group.leave'], options: {} },
			'group.join',
		);
		// Ana makes a group with this account in it (a creation: not an event this workflow chose).
		const groupId = fake.groups.create(ANA, 'Clinic patients', [ME]).group.id;
		fake.groups.add(groupId, ANA, [BUDI]);
		const joined = await nextItem(workflowId, 0);
		expect(joined).toMatchObject({
			eventType: 'group.join',
			session: SESSION,
			groupId,
			groupName: 'Clinic patients',
			how: 'added',
			byPhone: ANA,
			participantPhones: [BUDI],
			participantPhone: BUDI,
			includesMe: false,
			summary: `+${BUDI} was added to "Clinic patients" by +${ANA}`,
		});

		fake.groups.leave(groupId, BUDI);
		const left = await nextItem(workflowId, 1);
		expect(left).toMatchObject({ eventType: 'group.leave', groupId, how: 'left', participantPhone: BUDI, summary: `+${BUDI} left "Clinic patients"` });
		expect(await executions(stack.n8n, workflowId)).toHaveLength(2);
	});

	it('Message Trigger with Events = Reactions, Edits, Deletions, Incoming Calls: one execution each, with readable fields', async () => {
		const { sidecar } = stack;
		const phone = stack.phone!;
		const workflowId = await activeTriggerWorkflow(
			'activity on messages',
			TYPES.messageTrigger,
			{ sessions: [], events: ['message.reaction', 'message.edited', 'message.revoked', 'call'], ignoreOwnMessages: true, includeGroups: false, options: {} },
			'message.reaction',
		);

		// A message the clinic sent with a reference; the patient reacts to it.
		const accepted = await sidecar.api('POST', `/api/sessions/${SESSION}/messages`, { to: PATIENT, text: 'Your results are ready', reference: 'lab-77' });
		expect(accepted.status).toBe(202);
		const job = await pollUntil(
			() => sidecar.api('GET', `/api/messages/${accepted.body.jobId}`).then((r) => r.body as Json),
			(j) => typeof j.messageId === 'string',
			{ timeoutMs: 30_000, what: 'the message sent', context },
		);
		await phone.react({ from: PATIENT, messageId: job.messageId, emoji: '🙏' });
		expect(await nextItem(workflowId, 0)).toMatchObject({
			event: 'reaction',
			phone: PATIENT,
			chatId: `${PATIENT}@c.us`,
			emoji: '🙏',
			removed: false,
			messageId: job.messageId,
			reference: 'lab-77',
			jobId: accepted.body.jobId,
		});

		// The patient's own message (not an event this workflow chose) is edited, then deleted.
		const { id } = await phone.receive({ from: PATIENT, body: 'I can come at 10' });
		await phone.editMessage(id, 'I can come at 11');
		expect(await nextItem(workflowId, 1)).toMatchObject({
			event: 'edit',
			phone: PATIENT,
			messageId: id,
			text: 'I can come at 11',
			previousText: 'I can come at 10',
			reference: null,
		});
		await phone.revoke(id);
		expect(await nextItem(workflowId, 2)).toMatchObject({ event: 'deletion', phone: PATIENT, messageId: id, for: 'everyone' });

		const call = await phone.call({ from: PATIENT });
		expect(await nextItem(workflowId, 3)).toMatchObject({
			event: 'call',
			phone: PATIENT,
			chatId: `${PATIENT}@c.us`,
			callId: call.id,
			isVideo: false,
			rejected: false,
		});
		expect(await executions(stack.n8n, workflowId)).toHaveLength(4);
	});
});
