import { randomUUID } from 'crypto';
import fs from 'fs';
import { sleep, type N8n } from './n8n';
import { TYPES } from './package';
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

/**
 * Creates a workflow from a JSON file (an importable export: name, nodes, connections,
 * settings): the credential placeholder becomes `credentialId`, and webhook nodes get fresh
 * webhook ids so two workflows from the same file do not clash. Returns the created workflow.
 */
export async function createWorkflowFromFile(n8n: N8n, file: string, credentialId: string, name?: string): Promise<Json> {
	const source = fs.readFileSync(file, 'utf8').split(CREDENTIAL_PLACEHOLDER).join(credentialId);
	const wf = JSON.parse(source) as Json;
	const nodes = (wf.nodes as Json[]).map((node) => (node.webhookId ? { ...node, webhookId: randomUUID() } : node));
	return n8n.api('POST', '/workflows', {
		name: name ?? wf.name,
		nodes,
		connections: wf.connections,
		settings: wf.settings ?? { executionOrder: 'v1' },
	});
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
