import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';

/** Every session of the sidecar, one item each (`GET /api/sessions`). */
export async function list(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { sessions } = await sidecarRequest.call(this, 'GET', '/sessions');
	return (Array.isArray(sessions) ? sessions : []).map((session) => ({ json: session, pairedItem: { item: itemIndex } }));
}
