import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { campaignIdField, campaignPath } from './fields';

export const resumeDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['resume'] } }, [campaignIdField]);

/** Lets a paused campaign's messages go again (`POST /api/campaigns/:id/resume`). Outputs the campaign. */
export async function resume(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const campaign = await sidecarRequest.call(this, 'POST', campaignPath.call(this, itemIndex, '/resume'));
	return [{ json: campaign, pairedItem: { item: itemIndex } }];
}
