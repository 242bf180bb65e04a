import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';

/** Starts the session (its browser); a session that is not linked yet then shows a QR code (Get QR). Outputs the session. */
export async function start(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const view = await sidecarRequest.call(this, 'POST', sessionPath(session, '/start'));
	return [{ json: view, pairedItem: { item: itemIndex } }];
}
