import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	ANNOUNCED_JOB_STATUSES,
	EVENT_OF_JOB_STATUS,
	JOB_STATUS_MEANINGS,
	type AnnouncedJobStatus,
	type EventType,
} from '../../sidecar/src/contract';
import { eventJson, ignoreEvent, receiveEvent } from '../shared/receiveEvent';
import { getSessions, parseList, selectedSessions, sessionsProperty } from '../shared/sessionsList';
import { statusOptions } from '../shared/statusOptions';
import { SIDECAR_WEBHOOKS, subscriptionWebhookMethods, type SubscriptionConfig } from '../shared/webhookLifecycle';

const DEFAULT_STATUSES: AnnouncedJobStatus[] = ['delivered', 'expired', 'failed', 'played', 'read', 'sent', 'undelivered'];

const CAMPAIGN_EVENTS: readonly EventType[] = ['campaign.progress', 'campaign.finished'];

function isCampaignEvent(type: string): type is EventType {
	return (CAMPAIGN_EVENTS as readonly string[]).includes(type);
}

function isAnnounced(status: string): status is AnnouncedJobStatus {
	return (ANNOUNCED_JOB_STATUSES as readonly string[]).includes(status);
}

/** The chosen statuses (none chosen: the default ones) as events plus the sidecar's status filter. */
function subscriptionConfig(this: IHookFunctions): SubscriptionConfig {
	const chosen = parseList(this.getNodeParameter('statuses', DEFAULT_STATUSES)).filter(isAnnounced);
	const statuses = chosen.length ? chosen : DEFAULT_STATUSES;
	// Campaigns (issue 15): their progress and end, beside the statuses of their messages.
	const campaignEvents = parseList(this.getNodeParameter('campaignEvents', [])).filter(isCampaignEvent);
	return {
		events: [...new Set([...statuses.map((status) => EVENT_OF_JOB_STATUS[status]), ...campaignEvents])],
		sessions: selectedSessions.call(this),
		filters: { ackStatuses: statuses },
	};
}

export class WhatsAppAckTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Ack Trigger',
		name: 'whatsAppAckTrigger',
		icon: { light: 'file:whatsApp.svg', dark: 'file:whatsApp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On message status',
		description:
			'Starts the workflow when a message sent through the WhatsApp sidecar is delivered, read, fails, or expires (not sent by its Send Before time), with the reference it was sent with',
		defaults: { name: 'On WhatsApp Message Status' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppSidecarApi', required: true }],
		webhooks: SIDECAR_WEBHOOKS,
		properties: [
			sessionsProperty,
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: statusOptions(ANNOUNCED_JOB_STATUSES, JOB_STATUS_MEANINGS),
				default: ['delivered', 'expired', 'failed', 'played', 'read', 'sent', 'undelivered'],
				description:
					'Which statuses start the workflow, each once per message when the message reaches it; leave empty for the default ones',
			},
			{
				displayName: 'Campaign Events',
				name: 'campaignEvents',
				type: 'multiOptions',
				options: [
					{
						name: 'Campaign Progress',
						value: 'campaign.progress',
						description: 'A campaign\'s counts, estimated finish and bottleneck, at most every few seconds while its messages change',
					},
					{
						name: 'Campaign Finished',
						value: 'campaign.finished',
						description: 'Once, when a campaign has nothing left to send (also when it was cancelled)',
					},
				],
				default: [],
				description:
					'Also start the workflow with the progress of campaigns sent through these sessions (items have eventType campaign.progress or campaign.finished, and the campaign\'s counts)',
			},
		],
	};

	methods = { loadOptions: { getSessions } };

	webhookMethods = subscriptionWebhookMethods(subscriptionConfig);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = receiveEvent.call(this);
		if ('response' in received) return received.response;
		const { event } = received;
		if (!event.type.startsWith('message.') && !isCampaignEvent(event.type)) return ignoreEvent(`not a message status: ${event.type}`);
		// The job view: jobId, to, status, ack, ackName, messageId, reference, history, error, …
		return { workflowData: [[{ json: eventJson(event) }]] };
	}
}
