import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { eventJson, ignoreEvent, receiveEvent } from '../shared/receiveEvent';
import { getSessions, parseList, selectedSessions, sessionsProperty } from '../shared/sessionsList';
import { SIDECAR_WEBHOOKS, subscriptionWebhookMethods, type SubscriptionConfig } from '../shared/webhookLifecycle';

/** The sidecar event each message status arrives as. */
const EVENT_OF_STATUS: Record<string, string> = {
	sent: 'message.ack',
	delivered: 'message.ack',
	read: 'message.ack',
	played: 'message.ack',
	failed: 'message.failed',
	undelivered: 'message.undelivered',
	uncertain: 'message.uncertain',
};

const DEFAULT_STATUSES = ['delivered', 'failed', 'played', 'read', 'sent', 'undelivered'];

/** The chosen statuses (none chosen: the default ones) as events plus the sidecar's status filter. */
function subscriptionConfig(this: IHookFunctions): SubscriptionConfig {
	const chosen = parseList(this.getNodeParameter('statuses', DEFAULT_STATUSES)).filter((s) => s in EVENT_OF_STATUS);
	const statuses = chosen.length ? chosen : DEFAULT_STATUSES;
	return {
		events: [...new Set(statuses.map((status) => EVENT_OF_STATUS[status]))],
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
			'Starts the workflow when a message sent through the WhatsApp sidecar is delivered, read, or fails, with the reference it was sent with',
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
				options: [
					{ name: 'Delivered', value: 'delivered', description: 'Reached the recipient\'s phone' },
					{ name: 'Failed', value: 'failed', description: 'Could not be sent (the error code says why)' },
					{ name: 'Played', value: 'played', description: 'A voice note or video was played' },
					{ name: 'Read', value: 'read', description: 'Read (only when the recipient has read receipts on)' },
					{ name: 'Sent', value: 'sent', description: 'WhatsApp has the message' },
					{
						name: 'Uncertain',
						value: 'uncertain',
						description: 'The sidecar cannot know whether it was sent (it stopped in the middle); it is not sent again',
					},
					{
						name: 'Undelivered',
						value: 'undelivered',
						description: 'Sent, but not delivered within the time the sidecar waits',
					},
				],
				default: ['delivered', 'failed', 'played', 'read', 'sent', 'undelivered'],
				description: 'Which statuses start the workflow; leave empty for the default ones',
			},
		],
	};

	methods = { loadOptions: { getSessions } };

	webhookMethods = subscriptionWebhookMethods(subscriptionConfig);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = receiveEvent.call(this);
		if ('response' in received) return received.response;
		const { event } = received;
		if (!event.type.startsWith('message.')) return ignoreEvent(`not a message status: ${event.type}`);
		// The job view: jobId, to, status, ack, ackName, messageId, reference, history, error, …
		return { workflowData: [[{ json: eventJson(event) }]] };
	}
}
