import path from 'path';
import { pollUntil } from '../support/poll';
import { activate, createWorkflowFromFile, failureContext, nodeItems, subscriptions, waitForExecutions } from './support/flow';
import { startStack, type Stack } from './support/stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/reply-quote-react.json');
const SESSION = 'main';
const PATIENT = '6281234500011';
const REPLY = 'Thank you, we received your message. Our front desk answers within the hour (8:00–17:00); for an emergency, call 112.';

/**
 * examples/reply-quote-react.json in a real n8n: a patient's message starts the Message Trigger;
 * the workflow reacts 👍 to that very message and answers with a reply quoting it, both through
 * the sidecar's reply lane, the real whatsapp-web.js and the fake WhatsApp Web.
 */
describe('e2e: the reply-with-a-quote-and-a-reaction example in a real n8n', () => {
	let stack: Stack;
	let workflowId: string;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION });
		workflowId = (await createWorkflowFromFile(stack.n8n, EXAMPLE, stack.credentialId)).id;
	});
	afterAll(async () => {
		try {
			expect(stack?.fake.unknownModules).toEqual(new Set());
		} finally {
			await stack?.dispose();
		}
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);

	it('a patient writes: the message gets a 👍 and a reply quoting it, from one successful execution', async () => {
		const { n8n, sidecar } = stack;
		const phone = stack.phone!;
		await activate(n8n, workflowId);
		await pollUntil(
			() => subscriptions(sidecar),
			(list) => list.some((s) => String(s.url).startsWith(`${n8n.url}/webhook/`) && s.events.includes('message')),
			{ timeoutMs: 30_000, everyMs: 200, what: 'the Message Trigger subscription', context },
		);

		const incoming = await phone.receive({ from: PATIENT, body: 'Hello, can I move my appointment to Friday?' });
		const list = await waitForExecutions(n8n, workflowId, { sidecar, done: (l) => l.length === 1 && (l[0].finished || ['error', 'crashed'].includes(l[0].status)) });
		expect(list.map((e) => e.status)).toEqual(['success']);

		// What WhatsApp got: the reply quotes the incoming message (by its stanza id), the reaction is on it.
		const [reply] = await phone.waitForOutbox(1, 30_000).catch((error) => {
			throw new Error(`${error.message}\n${context()}`);
		});
		expect(reply).toMatchObject({ to: `${PATIENT}@c.us`, type: 'chat', body: REPLY, quotedId: incoming.id.split('_')[2] });
		const reactions = await phone.waitForReactions(1, 30_000);
		expect(reactions).toEqual([expect.objectContaining({ targetId: incoming.id, chat: `${PATIENT}@c.us`, emoji: '👍' })]);

		// What the execution saw and queued: the trigger's item and two reply-lane jobs.
		const [execution] = list;
		expect(nodeItems(execution, 'On WhatsApp Message').map((i) => i.json)).toEqual([
			expect.objectContaining({ id: incoming.id, chatId: `${PATIENT}@c.us`, phone: PATIENT, fromMe: false, session: SESSION }),
		]);
		for (const node of ['React With a Thumbs-Up', 'Reply With a Quote']) {
			const jobs = nodeItems(execution, node).map((i) => i.json);
			expect(jobs).toEqual([expect.objectContaining({ session: SESSION, lane: 'reply' })]);
		}
		expect(phone.outbox()).toHaveLength(1);
	});
});
