import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';

/** Stops and starts the session again, e.g. when it seems stuck; the phone stays linked. Outputs the session. */
export async function restart(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const view = await sidecarRequest.call(this, 'POST', sessionPath(session, '/restart'));
	return [{ json: view, pairedItem: { item: itemIndex } }];
}
