import type { IHookFunctions, ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { sidecarRequest } from '../WhatsAppSidecar/transport';

/** The Sessions parameter every trigger has: pick from the sidecar's sessions; none picked means all. */
export const sessionsProperty: INodeProperties = {
	displayName: 'Session Names or IDs',
	name: 'sessions',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getSessions' },
	default: [],
	description:
		'Only events of these sessions; leave empty for all sessions. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Lists the sidecar's sessions (`GET /api/sessions`) with their status, for the Sessions parameter. */
export async function getSessions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { sessions } = await sidecarRequest.call(this, 'GET', '/sessions');
	const list = Array.isArray(sessions) ? (sessions as Array<{ id?: unknown; status?: unknown }>) : [];
	return list
		.filter((session) => typeof session.id === 'string')
		.map((session) => ({ name: `${session.id} (${String(session.status ?? 'unknown')})`, value: String(session.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The chosen sessions, from the picker (a list) or an expression (a list or comma-separated text). */
export function selectedSessions(this: IHookFunctions): string[] {
	return parseList(this.getNodeParameter('sessions', []));
}

/** A list parameter as clean strings: arrays or comma-separated text, trimmed, without blanks or repeats. */
export function parseList(value: unknown): string[] {
	const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}
