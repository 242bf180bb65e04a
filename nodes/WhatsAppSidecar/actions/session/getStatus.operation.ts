import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';

/** The session's status (READY, SCAN_QR, RECONNECTING…), why, its account and history (`GET /api/sessions/:id`). */
export async function getStatus(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const view = await sidecarRequest.call(this, 'GET', sessionPath(session));
	return [{ json: view, pairedItem: { item: itemIndex } }];
}
