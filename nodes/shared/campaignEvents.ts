import type { INodeProperties } from 'n8n-workflow';
import type { EventType } from '../../sidecar/src/contract';

/** The campaign events (issue 15) the Ack Trigger can also start on: a campaign's counts as it goes, and when it is done. */
export const CAMPAIGN_EVENTS = [
	{
		name: 'Campaign Finished',
		value: 'campaign.finished',
		description: 'A campaign has nothing left to send, or was cancelled (once): its final counts by status, per number and failures by code',
	},
	{
		name: 'Campaign Progress',
		value: 'campaign.progress',
		description: 'A running campaign\'s counts by status, per number, estimated finish and bottleneck, at most every few seconds while its messages change',
	},
] as const satisfies ReadonlyArray<{ name: string; value: EventType; description: string }>;

export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number]['value'];

export const campaignEventsProperty: INodeProperties = {
	displayName: 'Campaign Events',
	name: 'campaignEvents',
	type: 'multiOptions',
	options: CAMPAIGN_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
	default: [],
	description:
		'Also start the workflow for campaigns (WhatsApp (Sidecar) → Campaign → Create): each item is the campaign, with campaignId, state and counts by status. With a campaign event chosen and Statuses left empty, only campaign events start it.',
};

export function isCampaignEvent(value: string): value is CampaignEvent {
	return CAMPAIGN_EVENTS.some((event) => event.value === value);
}
