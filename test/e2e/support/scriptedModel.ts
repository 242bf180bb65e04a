import http from 'http';
import type { AddressInfo } from 'net';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One chat-completions request as the model received it. */
export interface ModelRequest {
	messages: Json[];
	/** The tools the agent offered: their names and JSON-schema parameters. */
	tools: Array<{ name: string; description: string; parameters: Json }>;
	stream: boolean;
}

export type ModelReply = { text: string } | { toolCalls: Array<{ name: string; args: Json }> };

/**
 * A stand-in for an OpenAI-compatible chat model, served on loopback, so a test can point n8n's
 * OpenAI credential (Base URL) at it and script what "the model" decides: which tools to call with
 * which arguments, turn by turn, from what the agent sent (the tool results so far). It answers
 * `POST /v1/chat/completions`, plain or streamed, and keeps every request for assertions.
 */
export class ScriptedModel {
	private constructor(
		private readonly server: http.Server,
		readonly url: string,
		/** Every request, oldest first. */
		readonly requests: ModelRequest[],
	) {}

	static async start(script: (request: ModelRequest, turn: number) => ModelReply): Promise<ScriptedModel> {
		const requests: ModelRequest[] = [];
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				if (req.method === 'GET' && req.url?.endsWith('/models')) {
					send(res, 200, { object: 'list', data: [{ id: 'scripted', object: 'model', owned_by: 'test' }] });
					return;
				}
				if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
					send(res, 404, { error: { message: `the scripted model does not serve ${req.method} ${req.url}` } });
					return;
				}
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
				const request: ModelRequest = {
					messages: body.messages ?? [],
					tools: ((body.tools ?? []) as Json[]).map((t) => ({
						name: t.function?.name,
						description: t.function?.description ?? '',
						parameters: t.function?.parameters ?? {},
					})),
					stream: body.stream === true,
				};
				requests.push(request);
				let reply: ModelReply;
				try {
					reply = script(request, requests.length);
				} catch (error) {
					send(res, 400, { error: { message: `scripted model: ${(error as Error).message}`, type: 'invalid_request_error' } });
					return;
				}
				if (request.stream) stream(res, reply);
				else send(res, 200, completion(reply));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		return new ScriptedModel(server, `http://127.0.0.1:${port}/v1`, requests);
	}

	/** The results the agent sent back for earlier tool calls, newest last (content parsed when JSON). */
	static toolResults(request: ModelRequest): unknown[] {
		return request.messages
			.filter((m) => m.role === 'tool')
			.map((m) => {
				const content = typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
				try {
					return JSON.parse(content) as unknown;
				} catch {
					return content;
				}
			});
	}

	/** The offered tool whose name matches, so a script need not know how n8n spells node names. */
	static tool(request: ModelRequest, pattern: RegExp): string {
		const found = request.tools.find((t) => pattern.test(t.name));
		if (!found) throw new Error(`no tool matching ${pattern} among ${request.tools.map((t) => t.name).join(', ')}`);
		return found.name;
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}

let callCounter = 0;

function completion(reply: ModelReply): Json {
	const message =
		'text' in reply
			? { role: 'assistant', content: reply.text }
			: {
					role: 'assistant',
					content: null,
					tool_calls: reply.toolCalls.map((call) => ({
						id: `call_${++callCounter}`,
						type: 'function',
						function: { name: call.name, arguments: JSON.stringify(call.args) },
					})),
				};
	return {
		id: `chatcmpl-${callCounter}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'scripted',
		choices: [{ index: 0, message, finish_reason: 'text' in reply ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same reply as server-sent chunks (a client that asks for `stream: true`). */
function stream(res: http.ServerResponse, reply: ModelReply): void {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const full = completion(reply);
	const message = full.choices[0].message as Json;
	const base = { id: full.id, object: 'chat.completion.chunk', created: full.created, model: full.model };
	const delta: Json = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls) delta.tool_calls = (message.tool_calls as Json[]).map((call, index) => ({ index, ...call }));
	const chunks = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: full.choices[0].finish_reason }], usage: full.usage },
	];
	for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
	res.end('data: [DONE]\n\n');
}

function send(res: http.ServerResponse, status: number, body: Json): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}
