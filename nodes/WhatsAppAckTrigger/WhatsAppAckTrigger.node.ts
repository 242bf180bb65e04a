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
} from '../../sidecar/src/contract';
import { campaignEventsProperty, isCampaignEvent } from '../shared/campaignEvents';
import { eventJson, ignoreEvent, receiveEvent } from '../shared/receiveEvent';
import { getSessions, parseList, selectedSessions, sessionsProperty } from '../shared/sessionsList';
import { statusOptions } from '../shared/statusOptions';
import { SIDECAR_WEBHOOKS, subscriptionWebhookMethods, type SubscriptionConfig } from '../shared/webhookLifecycle';

const DEFAULT_STATUSES: AnnouncedJobStatus[] = ['delivered', 'expired', 'failed', 'played', 'read', 'sent', 'undelivered'];

function isAnnounced(status: string): status is AnnouncedJobStatus {
	return (ANNOUNCED_JOB_STATUSES as readonly string[]).includes(status);
}

/**
 * The chosen statuses (none chosen: the default ones, unless only campaign events are wanted) as
 * events plus the sidecar's status filter, and the chosen campaign events.
 */
function subscriptionConfig(this: IHookFunctions): SubscriptionConfig {
	const chosen = parseList(this.getNodeParameter('statuses', DEFAULT_STATUSES)).filter(isAnnounced);
	const campaignEvents = parseList(this.getNodeParameter('campaignEvents', [])).filter(isCampaignEvent);
	const statuses = chosen.length ? chosen : campaignEvents.length ? [] : DEFAULT_STATUSES;
	return {
		events: [...new Set(statuses.map((status) => EVENT_OF_JOB_STATUS[status])), ...campaignEvents],
		sessions: selectedSessions.call(this),
		filters: statuses.length ? { ackStatuses: statuses } : {},
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
			'Starts the workflow when a message sent through the WhatsApp sidecar is delivered, read, fails, or expires (not sent by its Send Before time), with the reference it was sent with; or as a campaign progresses and finishes',
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
			// Campaigns (issue 15)
			campaignEventsProperty,
		],
	};

	methods = { loadOptions: { getSessions } };

	webhookMethods = subscriptionWebhookMethods(subscriptionConfig);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = receiveEvent.call(this);
		if ('response' in received) return received.response;
		const { event } = received;
		if (!event.type.startsWith('message.') && !isCampaignEvent(event.type)) return ignoreEvent(`not a message status: ${event.type}`);
		// The job view (jobId, to, status, ack, ackName, messageId, reference, campaignId, history, error, …), or the campaign view.
		return { workflowData: [[{ json: eventJson(event) }]] };
	}
}
