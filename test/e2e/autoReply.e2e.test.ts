import path from 'path';
import { FakeWhatsAppWeb, type FakePhone } from '../fake-whatsapp-web';
import { pollUntil } from '../support/poll';
import { activate, createCredential, createWorkflowFromFile, deactivate, executions, failureContext, subscriptions, waitForExecutions } from './support/flow';
import { ensureN8nInstalled, sleep, startN8n, type N8n } from './support/n8n';
import { buildNodes, expectNodesLoaded, installPackage } from './support/package';
import { startSidecar, type E2eSidecar } from './support/sidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLE = path.resolve(__dirname, '../../examples/auto-reply.json');
const SESSION = 'main';
const CONTACT = '6281234500001';
/** A patient WhatsApp addresses by linked id: messages come from `<lid>@lid`, their number known behind it. */
const LID_PATIENT = { phone: '6281234500002', lid: '201234500000002' };
/** Someone who hides their number: only a LID. */
const LID_ONLY = '201234500000003';

/**
 * examples/auto-reply.json in a real n8n: the WhatsApp Message Trigger registers itself with
 * the real sidecar, a message from the fake phone's contact reaches n8n as a signed webhook,
 * and the WhatsApp (Sidecar) node answers it through the sidecar's reply lane.
 */
describe('e2e: the auto-reply example in a real n8n', () => {
	let fake: FakeWhatsAppWeb | undefined;
	let sidecar: E2eSidecar | undefined;
	let n8n: N8n | undefined;
	let phone: FakePhone;
	let workflowId: string;

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		await buildNodes();
		fake = await FakeWhatsAppWeb.start();
		sidecar = await startSidecar(fake);
		phone = await sidecar.link(SESSION);
		n8n = await startN8n(install, { prepare: (userFolder) => void installPackage(userFolder, install) });
		console.log(`e2e: n8n ready ${n8n.readyAfterMs} ms after spawn`);
		await expectNodesLoaded(n8n);
		const credentialId = await createCredential(n8n, sidecar);
		workflowId = (await createWorkflowFromFile(n8n, EXAMPLE, credentialId)).id;
	});

	afterAll(async () => {
		// Each step runs even when an earlier one fails, so nothing is left running.
		for (const step of [() => n8n?.dispose(), () => sidecar?.stop(), () => fake?.close()]) {
			await Promise.resolve()
				.then(step)
				.catch((error) => console.error('e2e cleanup:', error));
		}
	});

	const context = () => failureContext(n8n!, [], sidecar);
	const ours = async () => (await subscriptions(sidecar!)).filter((s) => String(s.url).startsWith(`${n8n!.url}/webhook/`));

	/** Activation is asynchronous: wait until the trigger's create() registered it with the sidecar. */
	async function activateAndWaitForSubscription(): Promise<Json> {
		await activate(n8n!, workflowId);
		const [subscription] = await pollUntil(ours, (list) => list.length === 1, { timeoutMs: 30_000, everyMs: 200, what: 'the subscription after activation', context });
		return subscription;
	}

	/** A contact writes; the reply must be in the outbox once, by one successful execution. */
	async function expectOneReply(text: string, before: { outbox: number; executions: number }): Promise<void> {
		await phone.receive({ from: CONTACT, body: text });
		const list = await waitForExecutions(n8n!, workflowId, {
			sidecar,
			done: (l) => l.length > before.executions && l.every((e) => e.finished || e.status === 'error' || e.status === 'crashed'),
		});
		const latest = list.slice(0, list.length - before.executions);
		expect(latest.map((e) => e.status)).toEqual(['success']);
		await phone.waitForOutbox(before.outbox + 1, 30_000).catch((error) => {
			throw new Error(`${error.message}\n${failureContext(n8n!, list, sidecar)}`);
		});
		const reply = phone.outbox().slice(before.outbox);
		expect(reply).toMatchObject([{ to: `${CONTACT}@c.us`, body: `Thanks, we got your message: ${text}` }]);

		// What the execution saw and sent: the trigger's item and the accepted reply-lane job.
		const runData = latest[0].data.resultData.runData;
		expect(runData['On WhatsApp Message'][0].data.main[0][0].json).toMatchObject({ chatId: `${CONTACT}@c.us`, text, session: SESSION, fromMe: false });
		expect(runData.Reply[0].data.main[0][0].json).toMatchObject({ session: SESSION });

		// Exactly once: no second execution or send shows up a little later (a retried delivery would).
		await sleep(3000);
		expect(phone.outbox().slice(before.outbox).map((e) => e.body)).toEqual([`Thanks, we got your message: ${text}`]);
		expect(await executions(n8n!, workflowId)).toHaveLength(before.executions + 1);
		const [subscription] = await ours();
		expect(subscription.stats).toMatchObject({ deadLetters: 0, failedAttempts: 0 });
	}

	it('activating registers the trigger with the sidecar; a message gets exactly one reply', async () => {
		const subscription = await activateAndWaitForSubscription();
		expect(subscription).toMatchObject({ events: ['message'], filters: { fromMe: false, groups: false } });

		await expectOneReply('hello from e2e', { outbox: 0, executions: 0 });
	});

	/** A LID sender writes; the reply must reach their LID chat, and the item must say their phone (or null). */
	async function expectReplyToLid(from: string, lidChat: string, phoneNumber: string | null, text: string, before: { outbox: number; executions: number }) {
		await phone.receive({ from, body: text });
		const list = await waitForExecutions(n8n!, workflowId, {
			sidecar,
			done: (l) => l.length > before.executions && l.every((e) => e.finished || e.status === 'error' || e.status === 'crashed'),
		});
		const latest = list.slice(0, list.length - before.executions);
		expect(latest.map((e) => e.status)).toEqual(['success']);
		await phone.waitForOutbox(before.outbox + 1, 30_000).catch((error) => {
			throw new Error(`${error.message}\n${failureContext(n8n!, list, sidecar)}`);
		});
		expect(phone.outbox().slice(before.outbox)).toMatchObject([{ to: lidChat, body: `Thanks, we got your message: ${text}` }]);
		const item = latest[0].data.resultData.runData['On WhatsApp Message'][0].data.main[0][0].json;
		expect(item).toMatchObject({ chatId: lidChat, sender: lidChat, senderLid: lidChat, senderPhone: phoneNumber, phone: phoneNumber, text });
	}

	it('deactivating removes the subscription; reactivating creates a new one that works', async () => {
		const [first] = await ours();
		expect(first).toBeDefined();

		await deactivate(n8n!, workflowId);
		await pollUntil(ours, (list) => list.length === 0, { timeoutMs: 30_000, everyMs: 200, what: 'no subscription after deactivation', context });

		const second = await activateAndWaitForSubscription();
		expect(second.id).not.toBe(first.id);
		expect(second.url).toBe(first.url);

		// The new subscription's secret is the one the trigger checks signatures with.
		await expectOneReply('hello again', { outbox: 1, executions: 1 });
	});

	it('a sender WhatsApp addresses by a linked id (…@lid) gets the reply, and the item has their phone number', async () => {
		fake!.addContact({ ...LID_PATIENT, addressing: 'lid' });
		fake!.addContact({ lid: LID_ONLY });
		const before = { outbox: phone.outbox().length, executions: (await executions(n8n!, workflowId)).length };
		await expectReplyToLid(LID_PATIENT.phone, `${LID_PATIENT.lid}@lid`, LID_PATIENT.phone, 'hello from a LID', before);
		await expectReplyToLid(`${LID_ONLY}@lid`, `${LID_ONLY}@lid`, null, 'my number is hidden', {
			outbox: before.outbox + 1,
			executions: before.executions + 1,
		});
	});
});
