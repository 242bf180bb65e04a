import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { campaignIdField, campaignPath } from './fields';

export const pauseDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['pause'] } }, [campaignIdField]);

/** Holds the campaign's waiting messages (`POST /api/campaigns/:id/pause`); other messages of its numbers still go. Outputs the campaign. */
export async function pause(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const campaign = await sidecarRequest.call(this, 'POST', campaignPath.call(this, itemIndex, '/pause'));
	return [{ json: campaign, pairedItem: { item: itemIndex } }];
}
