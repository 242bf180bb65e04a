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

	it('the agent looks the patient up, reads the chat, replies quoting the message and reacts to it: the tool calls reach WhatsApp', async () => {
		const { n8n, sidecar } = stack;
		const phone = stack.phone!;
		stack.fake.profiles.set(PATIENT, { pushname: 'Rina', about: 'Dentist on Tuesdays' });
		await phone.receive({ from: PATIENT, body: 'Good morning' });
		const { id: question } = await phone.receive({ from: PATIENT, body: QUESTION });

		model = await ScriptedModel.start(receptionist);
		const workflow = await createAgentWorkflow(n8n, stack.credentialId, await createOpenAiCredential(n8n, model.url));
		const run = await runManually(n8n, workflow.id, 'Start', { sidecar, timeoutMs: 120_000 });
		expect(run.status).toBe('success');
		expect(nodeItems(run, 'AI Agent')[0].json.output).toBe('Rina asked to move to Friday: told her it is done.');

		// What the model was offered: our operations, named by the tool nodes, described (n8n's
		// "Set Automatically") by the operation's action, with the arguments $fromAI asks for.
		const offered = Object.fromEntries(model.requests[0].tools.map((t) => [t.name, t]));
		expect(Object.keys(offered).sort()).toEqual(['Look_up_contact', 'React_to_message', 'Read_chat', 'Reply_to_message']);
		expect(offered.Read_chat.description).toMatch(/^Get the messages of a chat in WhatsApp/);
		expect(offered.Reply_to_message.description).toMatch(/^Reply to a message in WhatsApp/);
		expect(Object.keys(offered.Reply_to_message.parameters.properties).sort()).toEqual(['messageId', 'text', 'to']);

		// The lookup and the chat's history reached the model from WhatsApp Web.
		const [profile, history] = ScriptedModel.toolResults(model.requests[2]);
		expect(JSON.stringify(profile)).toContain('Dentist on Tuesdays');
		expect(JSON.stringify(history)).toContain(QUESTION);
		expect(JSON.stringify(history)).toContain(question);

		// The reply quotes the patient's question; the reaction is on it.
		const [sent] = await phone.waitForOutbox(1, 30_000);
		// The outbox keeps the quoted message's stanza id, as WhatsApp gets it (the last part of its id).
		expect(sent).toMatchObject({ to: `${PATIENT}@c.us`, body: ANSWER, quotedId: question.split('_').pop() });
		const [reaction] = await phone.waitForReactions(1, 30_000);
		expect(reaction).toMatchObject({ targetId: question, emoji: '👍' });
	});
});

const QUESTION = 'Hi, can I move my appointment to Friday?';
const ANSWER = 'Done: your appointment is now on Friday at 10:00.';

/**
 * Turn by turn, as a model would: look the patient up and read the chat; then reply to the
 * newest message from them (its id comes from the chat it read) and react to it; then report.
 */
function receptionist(request: ModelRequest, turn: number): ModelReply {
	if (turn === 1) {
		return {
			toolCalls: [
				{ name: ScriptedModel.tool(request, /look/i), args: { contact: `+${PATIENT}` } },
				{ name: ScriptedModel.tool(request, /read/i), args: { chat: `+${PATIENT}`, limit: 5 } },
			],
		};
	}
	if (turn === 2) {
		const newest = newestFromThem(ScriptedModel.toolResults(request));
		if (!newest) return { text: 'I could not find their message.' };
		return {
			toolCalls: [
				{ name: ScriptedModel.tool(request, /reply/i), args: { to: newest.chatId, messageId: newest.id, text: ANSWER } },
				{ name: ScriptedModel.tool(request, /react/i), args: { to: newest.chatId, messageId: newest.id, emoji: '👍' } },
			],
		};
	}
	return { text: 'Rina asked to move to Friday: told her it is done.' };
}

/** The newest message not from this account in whatever the Read chat tool answered. */
function newestFromThem(results: unknown[]): { id: string; chatId: string } | undefined {
	const found: Json[] = [];
	const walk = (value: unknown): void => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (value && typeof value === 'object') {
			const v = value as Json;
			if (typeof v.id === 'string' && typeof v.chatId === 'string' && v.fromMe === false && typeof v.timestamp === 'number') found.push(v);
			Object.values(v).forEach(walk);
		} else if (typeof value === 'string' && value.startsWith('[')) {
			try {
				walk(JSON.parse(value));
			} catch {
				// not JSON
			}
		}
	};
	walk(results);
	return found.sort((a, b) => b.timestamp - a.timestamp)[0] as { id: string; chatId: string } | undefined;
}

async function createOpenAiCredential(n8n: N8n, url: string): Promise<string> {
	const created = await n8n.api('POST', '/credentials', {
		name: 'Scripted model',
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted', url, header: false },
	});
	return created.id as string;
}

const fromAi = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

/** Manual Trigger → AI Agent, with the scripted chat model and four WhatsApp tools. */
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
				text: `Answer the newest WhatsApp message from +${PATIENT}: look them up, read the chat, reply to their message and react to it.`,
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
		tool('Look up contact', { resource: 'contact', operation: 'getProfile', contact: fromAi('contact', 'The person: phone number in international format, or their id') }, 300),
		tool('Read chat', { resource: 'chat', operation: 'getMessages', chat: fromAi('chat', 'The chat: phone number or chat id'), limit: "={{ $fromAI('limit', 'How many of the newest messages', 'number') }}" }, 450),
		tool(
			'Reply to message',
			{
				resource: 'message',
				operation: 'reply',
				to: fromAi('to', 'The chat the message is in (its chatId)'),
				messageId: fromAi('messageId', 'The id of the message to quote'),
				replyWith: 'text',
				text: fromAi('text', 'The reply'),
				options: {},
			},
			600,
		),
		tool(
			'React to message',
			{ resource: 'message', operation: 'react', to: fromAi('to', 'The chat the message is in'), messageId: fromAi('messageId', 'The message'), emoji: fromAi('emoji', 'One emoji') },
			750,
		),
	];
	const toAgent = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	const connections = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'Chat Model': toAgent('ai_languageModel'),
		'Look up contact': toAgent('ai_tool'),
		'Read chat': toAgent('ai_tool'),
		'Reply to message': toAgent('ai_tool'),
		'React to message': toAgent('ai_tool'),
	};
	return n8n.api('POST', '/workflows', { name: 'Front desk agent', nodes, connections, settings: { executionOrder: 'v1' } });
}
