import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { JOB_STATUS_MEANINGS, JOB_STATUSES } from '../../../../sidecar/src/contract';
import { parseList } from '../../../shared/sessionsList';
import { sidecarRequest } from '../../transport';
import { campaignIdField, campaignPath } from './fields';
import { returnAllProperties, wantedResults } from '../paging';

/** The sidecar's largest page. */
const PAGE = 1000;

const properties: INodeProperties[] = [
	campaignIdField,
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		default: [],
		options: JOB_STATUSES.map((status) => ({ name: status[0].toUpperCase() + status.slice(1), value: status, description: JOB_STATUS_MEANINGS[status] })),
		description: 'Only messages in one of these statuses; leave empty for all of them (e.g. Failed to see who was not reached, Skipped for who opted out)',
	},
	...returnAllProperties,
];

export const listMessagesDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['listMessages'] } }, properties);

/** The campaign's messages, one item per job (`GET /api/campaigns/:id/messages`, page by page through nextCursor). */
export async function listMessages(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = campaignPath.call(this, itemIndex, '/messages');
	const statuses = parseList(this.getNodeParameter('statuses', itemIndex, []));
	const limit = wantedResults.call(this, itemIndex);
	const jobs: IDataObject[] = [];
	let cursor: string | null = null;
	do {
		const qs: IDataObject = { limit: Math.min(PAGE, limit - jobs.length) };
		if (statuses.length) qs.status = statuses.join(',');
		if (cursor) qs.cursor = cursor;
		const page = await sidecarRequest.call(this, 'GET', path, undefined, qs);
		const got = Array.isArray(page.jobs) ? (page.jobs as IDataObject[]) : [];
		jobs.push(...got.slice(0, limit - jobs.length));
		cursor = typeof page.nextCursor === 'string' && got.length ? page.nextCursor : null;
	} while (cursor && jobs.length < limit);
	return jobs.map((job) => ({ json: job, pairedItem: { item: itemIndex } }));
}
