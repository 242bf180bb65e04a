import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';

/** Stops the session and closes its browser; the phone stays linked, so Start needs no new QR. Outputs the session. */
export async function stop(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const view = await sidecarRequest.call(this, 'POST', sessionPath(session, '/stop'));
	return [{ json: view, pairedItem: { item: itemIndex } }];
}
