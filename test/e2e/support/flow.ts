import { randomUUID } from 'crypto';
import fs from 'fs';
import { sleep, type N8n } from './n8n';
import { PACKAGE_NAME, TYPES } from './package';
import type { E2eSidecar } from './sidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The credential id in example workflows, replaced by the real one on import. */
export const CREDENTIAL_PLACEHOLDER = 'REPLACE_WITH_YOUR_CREDENTIAL_ID';

/** A WhatsApp Sidecar API credential pointing at this sidecar; its id. */
export async function createCredential(n8n: N8n, sidecar: E2eSidecar, name = 'WhatsApp Sidecar (e2e)'): Promise<string> {
	const created = await n8n.api('POST', '/credentials', {
		name,
		type: TYPES.credential,
		data: { baseUrl: sidecar.url, apiKey: sidecar.apiKey },
	});
	return created.id as string;
}

export interface WorkflowFileOptions {
	name?: string;
	/** Text replaced in the file before parsing (e.g. a placeholder URL by the test's endpoint). */
	replace?: Record<string, string>;
	/** Changes to the parsed workflow before it is created (e.g. a node parameter). */
	edit?: (workflow: Json) => void;
}

/**
 * Creates a workflow from a JSON file (an importable export: name, nodes, connections,
 * settings): the credential placeholder becomes `credentialId`, and webhook nodes get fresh
 * webhook ids so two workflows from the same file do not clash. Returns the created workflow.
 */
export async function createWorkflowFromFile(
	n8n: N8n,
	file: string,
	credentialId: string,
	nameOrOptions: string | WorkflowFileOptions = {},
): Promise<Json> {
	const options = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : nameOrOptions;
	let source = fs.readFileSync(file, 'utf8').split(CREDENTIAL_PLACEHOLDER).join(credentialId);
	for (const [from, to] of Object.entries(options.replace ?? {})) {
		if (!source.includes(from)) throw new Error(`${file} does not contain ${from}`);
		source = source.split(from).join(to);
	}
	const wf = JSON.parse(source) as Json;
	options.edit?.(wf);
	const nodes = (wf.nodes as Json[]).map((node) => (node.webhookId ? { ...node, webhookId: randomUUID() } : node));
	return n8n.api('POST', '/workflows', {
		name: options.name ?? wf.name,
		nodes,
		connections: wf.connections,
		settings: wf.settings ?? { executionOrder: 'v1' },
	});
}

export interface ChainNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Json;
	/** Node settings beside the parameters, e.g. `onError: 'continueRegularOutput'`. */
	settings?: Json;
}

/**
 * Creates a workflow that starts from a Manual Trigger called "Start" and runs `chain` one node
 * after another; our nodes (TYPES.sidecar and the triggers) get the credential `credentialId`.
 */
export async function createChainWorkflow(n8n: N8n, name: string, credentialId: string, chain: ChainNode[]): Promise<Json> {
	const all: ChainNode[] = [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} }, ...chain];
	const nodes = all.map((node, index) => ({
		parameters: node.parameters,
		id: randomUUID(),
		name: node.name,
		type: node.type,
		typeVersion: node.typeVersion ?? 1,
		position: [index * 220, 0],
		...node.settings,
		...(node.type.startsWith(`${PACKAGE_NAME}.`) ? { credentials: { [TYPES.credential]: { id: credentialId, name: 'WhatsApp Sidecar (e2e)' } } } : {}),
	}));
	const connections = Object.fromEntries(all.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]] }]));
	return n8n.api('POST', '/workflows', { name, nodes, connections, settings: { executionOrder: 'v1' } });
}

/** The node called `name` in a parsed workflow (fails when there is none). */
export function nodeNamed(workflow: Json, name: string): Json {
	const node = (workflow.nodes as Json[]).find((n) => n.name === name);
	if (!node) throw new Error(`the workflow has no node "${name}" (it has ${(workflow.nodes as Json[]).map((n) => n.name).join(', ')})`);
	return node;
}

/**
 * Runs a workflow the way the editor's "Execute workflow" button does (`POST /rest/workflows/:id/run`
 * with the owner's cookie), from `trigger` (a Manual Trigger), optionally only up to `destination`.
 * Waits for the execution to finish; it is saved like any manual execution.
 */
export async function runManually(
	n8n: N8n,
	workflowId: string,
	trigger: string,
	options: { destination?: string; timeoutMs?: number; sidecar?: E2eSidecar } = {},
): Promise<Json> {
	const body: Json = { triggerToStartFrom: { name: trigger } };
	if (options.destination) body.destinationNode = { nodeName: options.destination, mode: 'inclusive' };
	const started = await n8n.rest<Json>('POST', `/workflows/${workflowId}/run`, body);
	const executionId = started.data?.executionId as string | undefined;
	if (!executionId) throw new Error(`the manual run did not start an execution: ${JSON.stringify(started)}`);
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	let execution: Json = {};
	while (Date.now() < deadline) {
		execution = await n8n.api('GET', `/executions/${executionId}?includeData=true`, undefined, [404]);
		if (execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) return execution;
		await sleep(200);
	}
	throw new Error(`execution ${executionId} did not finish within ${options.timeoutMs ?? 60_000} ms.\n${failureContext(n8n, [execution], options.sidecar)}`);
}

/** The items a node output in an execution (its last run, output `output`). */
export function nodeItems(execution: Json, node: string, output = 0): Json[] {
	const runs = execution.data?.resultData?.runData?.[node] as Json[] | undefined;
	if (!runs?.length) throw new Error(`node "${node}" did not run.\n${describeExecution(execution)}`);
	return (runs[runs.length - 1].data?.main?.[output] ?? []) as Json[];
}

/** The bytes of a binary field of an execution item (n8n keeps them on disk; its REST API serves them). */
export async function binaryBytes(n8n: N8n, binary: Json): Promise<Buffer> {
	if (binary.data && !binary.id) return Buffer.from(String(binary.data), 'base64');
	const response = await fetch(`${n8n.url}/rest/binary-data?id=${encodeURIComponent(String(binary.id))}&action=download`, {
		headers: { cookie: n8n.cookie() },
	});
	if (!response.ok) throw new Error(`GET /rest/binary-data ${binary.id}: ${response.status} ${await response.text()}`);
	return Buffer.from(await response.arrayBuffer());
}

export async function activate(n8n: N8n, workflowId: string): Promise<Json> {
	return n8n.api('POST', `/workflows/${workflowId}/activate`);
}

export async function deactivate(n8n: N8n, workflowId: string): Promise<Json> {
	return n8n.api('POST', `/workflows/${workflowId}/deactivate`);
}

export async function executions(n8n: N8n, workflowId: string): Promise<Json[]> {
	const page = await n8n.api('GET', `/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`);
	return page.data as Json[];
}

/**
 * Polls the workflow's executions until `done(list)` holds (default: one finished
 * execution). On timeout the error holds each execution's status and error and the
 * sidecar's and n8n's last log lines.
 */
export async function waitForExecutions(
	n8n: N8n,
	workflowId: string,
	options: { done?: (list: Json[]) => boolean; timeoutMs?: number; sidecar?: E2eSidecar } = {},
): Promise<Json[]> {
	const done = options.done ?? ((list) => list.some((e) => e.finished || ['success', 'error', 'crashed'].includes(e.status)));
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	let list: Json[] = [];
	while (Date.now() < deadline) {
		list = await executions(n8n, workflowId);
		if (done(list)) return list;
		await sleep(250);
	}
	throw new Error(
		`The executions of workflow ${workflowId} did not reach the expected state within ${options.timeoutMs ?? 60_000} ms.\n` +
			failureContext(n8n, list, options.sidecar),
	);
}

/** What went wrong in an execution: its status, the workflow's error and each failed node's error. */
export function describeExecution(execution: Json): string {
	const result = execution.data?.resultData ?? {};
	const lines = [`execution ${execution.id}: status ${execution.status}, mode ${execution.mode}, last node ${result.lastNodeExecuted ?? '-'}`];
	if (result.error) lines.push(`  error: ${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`);
	for (const [node, runs] of Object.entries((result.runData ?? {}) as Record<string, Json[]>)) {
		for (const run of runs) if (run.error) lines.push(`  ${node}: ${run.error.message}${run.error.description ? ` (${run.error.description})` : ''}`);
	}
	return lines.join('\n');
}

export function failureContext(n8n: N8n, list: Json[], sidecar?: E2eSidecar): string {
	return [
		`Executions (${list.length}):`,
		...list.map(describeExecution),
		...(sidecar ? [`Sidecar's last output:`, sidecar.tail()] : []),
		`n8n's last log lines:`,
		n8n.logs().split('\n').slice(-60).join('\n'),
	].join('\n');
}

/** The sidecar's webhook subscriptions (`GET /api/webhooks`). */
export async function subscriptions(sidecar: E2eSidecar): Promise<Json[]> {
	const { status, body } = await sidecar.api('GET', '/api/webhooks');
	if (status !== 200) throw new Error(`GET /api/webhooks: ${status} ${JSON.stringify(body)}`);
	return body.webhooks as Json[];
}
