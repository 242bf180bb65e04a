import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';

/** Unlinks the phone and removes its login: the next Start needs a new QR scan. Outputs the session. */
export async function logout(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const view = await sidecarRequest.call(this, 'POST', sessionPath(session, '/logout'));
	return [{ json: view, pairedItem: { item: itemIndex } }];
}
