import { randomUUID } from 'crypto';
import { nodeItems, runManually } from './support/flow';
import type { N8n } from './support/n8n';
import { TYPES } from './support/package';
import { ScriptedModel, type ModelRequest, type ModelReply } from './support/scriptedModel';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SESSION = 'main';
const PATIENT = '15550007777';
const TOOL_TYPE = `${TYPES.sidecar}Tool`;

/**
 * The action node as tools of n8n's AI Agent, in a real n8n: the model is a scripted stand-in
 * served on loopback (n8n's OpenAI credential points its Base URL there), so the test decides
 * which tools "the model" calls and with what, and checks the calls reach WhatsApp through the
 * sidecar. Each tool's parameters come from the model through $fromAI, as a user would set them up.
 */
describe('e2e: the WhatsApp node as tools of an AI Agent', () => {
	let stack: Stack;
	let model: ScriptedModel;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION });
	});
	afterAll(async () => {
		await model?.close();
		await stack?.dispose();
	});

	it('the agent looks the patient up, then answers on WhatsApp: the tool calls reach the phone', async () => {
		const { n8n, sidecar } = stack;
		const phone = stack.phone!;
		model = await ScriptedModel.start(receptionist);
		const workflow = await createAgentWorkflow(n8n, stack.credentialId, await createOpenAiCredential(n8n, model.url));

		const run = await runManually(n8n, workflow.id, 'Start', { sidecar, timeoutMs: 120_000 });
		expect(run.status).toBe('success');
		expect(nodeItems(run, 'AI Agent')[0].json.output).toBe(`Told +${PATIENT} about Friday.`);

		// What the model was offered: our operations, described for an agent.
		const offered = model.requests[0].tools;
		expect(offered.map((t) => t.name).sort()).toEqual(['Look_up_contact', 'Send_WhatsApp_message']);
		for (const tool of offered) expect(tool.description.length).toBeGreaterThan(20);

		// The lookup reached WhatsApp Web and its answer reached the model.
		const [lookup] = ScriptedModel.toolResults(model.requests[1]) as Json[][];
		expect(JSON.stringify(lookup)).toContain(`${PATIENT}@c.us`);
		expect(JSON.stringify(lookup)).toContain('"registered":true');

		// The answer the model composed went out through the queue to the patient.
		const [sent] = await phone.waitForOutbox(1, 30_000);
		expect(sent).toMatchObject({ to: `${PATIENT}@c.us`, body: 'Your appointment moved to Friday 10:00.' });
	});
});

/** Turn by turn: look the contact up, then send the answer, then say what was done. */
function receptionist(request: ModelRequest, turn: number): ModelReply {
	if (turn === 1) return { toolCalls: [{ name: ScriptedModel.tool(request, /look/i), args: { number: `+${PATIENT}` } }] };
	if (turn === 2) {
		const results = ScriptedModel.toolResults(request);
		if (!JSON.stringify(results).includes('"registered":true')) return { text: 'The patient is not on WhatsApp.' };
		return {
			toolCalls: [
				{ name: ScriptedModel.tool(request, /send/i), args: { to: `+${PATIENT}`, text: 'Your appointment moved to Friday 10:00.' } },
			],
		};
	}
	return { text: `Told +${PATIENT} about Friday.` };
}

async function createOpenAiCredential(n8n: N8n, url: string): Promise<string> {
	const created = await n8n.api('POST', '/credentials', {
		name: 'Scripted model',
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted', url, header: false },
	});
	return created.id as string;
}

/** Manual Trigger → AI Agent, with the scripted chat model and two WhatsApp tools. */
async function createAgentWorkflow(n8n: N8n, sidecarCredential: string, openAiCredential: string): Promise<Json> {
	const whatsApp = { [TYPES.credential]: { id: sidecarCredential, name: 'WhatsApp Sidecar (e2e)' } };
	const session = { __rl: true, mode: 'id', value: SESSION };
	const tool = (name: string, parameters: Json, x: number) => ({
		id: randomUUID(),
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [x, 220],
		parameters: { descriptionType: 'auto', session, ...parameters },
		credentials: whatsApp,
	});
	const nodes = [
		{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: randomUUID(),
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [240, 0],
			parameters: {
				promptType: 'define',
				text: `A patient, +${PATIENT}, asked to move the appointment to Friday. Check they are on WhatsApp, then tell them it moved to Friday 10:00.`,
				options: { systemMessage: 'You are the front desk of a dental clinic.' },
			},
		},
		{
			id: randomUUID(),
			name: 'Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [100, 220],
			parameters: { model: { __rl: true, mode: 'id', value: 'scripted' }, options: {} },
			credentials: { openAiApi: { id: openAiCredential, name: 'Scripted model' } },
		},
		tool('Look up contact', { resource: 'contact', operation: 'checkNumber', number: "={{ $fromAI('number', 'The phone number, international format', 'string') }}" }, 300),
		tool(
			'Send WhatsApp message',
			{
				resource: 'message',
				operation: 'sendText',
				to: "={{ $fromAI('to', 'The phone number to write to, international format', 'string') }}",
				text: "={{ $fromAI('text', 'The message', 'string') }}",
				options: { lane: 'reply' },
			},
			500,
		),
	];
	const toAgent = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	const connections = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'Chat Model': toAgent('ai_languageModel'),
		'Look up contact': toAgent('ai_tool'),
		'Send WhatsApp message': toAgent('ai_tool'),
	};
	return n8n.api('POST', '/workflows', { name: 'Front desk agent', nodes, connections, settings: { executionOrder: 'v1' } });
}
