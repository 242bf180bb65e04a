import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { returnAllProperties, wantedResults } from '../paging';

/** The sidecar's largest page. */
const PAGE = 500;

const properties: INodeProperties[] = [
	...returnAllProperties,
];

export const listOptOutsDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['listOptOuts'] } }, properties);

/** Everyone on the opt-out list, oldest first, one item each (`GET /api/opt-outs`, page by page). */
export async function listOptOuts(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = wantedResults.call(this, itemIndex);
	const entries: IDataObject[] = [];
	let total = Infinity;
	while (entries.length < Math.min(limit, total)) {
		const qs: IDataObject = { limit: Math.min(PAGE, limit - entries.length), offset: entries.length };
		const page = await sidecarRequest.call(this, 'GET', '/opt-outs', undefined, qs);
		const got = (page.optOuts as IDataObject[] | undefined) ?? [];
		entries.push(...got);
		total = typeof page.total === 'number' ? page.total : entries.length;
		if (!got.length) break;
	}
	return entries.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }));
}
