import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';

/** The sidecar's largest page. */
const PAGE = 500;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

export const listOptOutsDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['listOptOuts'] } }, properties);

/** Everyone on the opt-out list, oldest first, one item each (`GET /api/opt-outs`, page by page). */
export async function listOptOuts(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)));
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
