import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { campaignIdField, campaignPath } from './fields';

export const getStatusDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getStatus'] } }, [campaignIdField]);

/** Where a campaign is (`GET /api/campaigns/:id`): counts by status, per number, estimated finish and bottleneck. */
export async function getStatus(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const campaign = await sidecarRequest.call(this, 'GET', campaignPath.call(this, itemIndex));
	return [{ json: campaign, pairedItem: { item: itemIndex } }];
}
