import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { returnAllProperties, wantedResults } from '../paging';

/** The sidecar's largest page. */
const PAGE = 100;

const properties: INodeProperties[] = [
	sessionLocator,
	...returnAllProperties,
];

export const listDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['list'] } }, properties);

/** The chat list, newest activity first, one item per chat (`GET …/chats`, followed page by page). */
export async function list(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = sessionPath(getSessionId.call(this, itemIndex), '/chats');
	const limit = wantedResults.call(this, itemIndex);
	const chats: IDataObject[] = [];
	let cursor: string | undefined;
	do {
		const qs: IDataObject = { limit: Math.min(PAGE, limit - chats.length), ...(cursor ? { cursor } : {}) };
		const page = await sidecarRequest.call(this, 'GET', path, undefined, qs);
		chats.push(...((page.chats as IDataObject[] | undefined) ?? []));
		cursor = typeof page.nextCursor === 'string' ? page.nextCursor : undefined;
	} while (cursor && chats.length < limit);
	return chats.map((chat) => ({ json: chat, pairedItem: { item: itemIndex } }));
}
