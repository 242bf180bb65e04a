import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { campaignIdField, campaignPath } from './fields';

export const cancelDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['cancel'] } }, [campaignIdField]);

/** Cancels the campaign's waiting messages (`POST /api/campaigns/:id/cancel`); messages already sent are untouched. Outputs the campaign. */
export async function cancel(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const campaign = await sidecarRequest.call(this, 'POST', campaignPath.call(this, itemIndex, '/cancel'));
	return [{ json: campaign, pairedItem: { item: itemIndex } }];
}
