import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/** The campaign an operation works on. */
export const campaignIdField: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. cmp_8f3a2c1d',
	description: 'The campaignId that Campaign → Create output (it starts with "cmp_")',
};

/** The API path of the chosen campaign, or of something under it (`/pause`, `/messages`). */
export function campaignPath(this: IExecuteFunctions, itemIndex: number, suffix = ''): string {
	const campaignId = String(this.getNodeParameter('campaignId', itemIndex, '')).trim();
	if (!campaignId) {
		throw new NodeOperationError(this.getNode(), 'Enter the campaign ID', {
			itemIndex,
			description: 'The campaignId that Campaign → Create output, e.g. cmp_8f3a2c1d.',
		});
	}
	return `/campaigns/${encodeURIComponent(campaignId)}${suffix}`;
}
