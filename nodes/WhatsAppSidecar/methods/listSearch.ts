import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { sidecarRequest } from '../transport';

/** The sidecar's sessions (`GET /api/sessions`) for the Session picker, with their status; `filter` narrows by id. */
export async function searchSessions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { sessions } = await sidecarRequest.call(this, 'GET', '/sessions');
	const list = Array.isArray(sessions) ? (sessions as Array<{ id?: unknown; status?: unknown }>) : [];
	const wanted = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = list
		.filter((session): session is { id: string; status?: unknown } => typeof session.id === 'string')
		.filter((session) => !wanted || session.id.toLowerCase().includes(wanted))
		.map((session) => ({ name: `${session.id} (${String(session.status ?? 'unknown')})`, value: session.id }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
