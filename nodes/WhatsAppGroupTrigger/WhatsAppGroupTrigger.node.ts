import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { GROUP_EVENT_TYPES, isGroupEvent, type EventType, type GroupEventType } from '../../sidecar/src/contract';
import { eventJson, ignoreEvent, receiveEvent } from '../shared/receiveEvent';
import { getSessions, parseList, selectedSessions, sessionsProperty } from '../shared/sessionsList';
import { SIDECAR_WEBHOOKS, subscriptionWebhookMethods, type SubscriptionConfig } from '../shared/webhookLifecycle';
import { readableGroupFields } from './groupSummary';

/** Group ids as the sidecar filters them; a bare number means its `…@g.us`. */
function groupIds(value: unknown): string[] {
	return parseList(value).map((group) => (group.includes('@') ? group : `${group.replace(/\s/g, '')}@g.us`));
}

/** The events chosen (all when none), and the groups as the sidecar's chat filter. */
function subscriptionConfig(this: IHookFunctions): SubscriptionConfig {
	const chosen = parseList(this.getNodeParameter('events', [...GROUP_EVENT_TYPES])).filter((e): e is GroupEventType =>
		(GROUP_EVENT_TYPES as readonly string[]).includes(e),
	);
	const groups = groupIds((this.getNodeParameter('options', {}) as { groups?: string }).groups);
	return {
		events: (chosen.length ? chosen : [...GROUP_EVENT_TYPES]) as EventType[],
		sessions: selectedSessions.call(this),
		filters: groups.length ? { chats: groups } : {},
	};
}

export class WhatsAppGroupTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Group Trigger',
		name: 'whatsAppGroupTrigger',
		icon: { light: 'file:whatsApp.svg', dark: 'file:whatsApp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On group change',
		description:
			'Starts the workflow when someone joins or leaves a WhatsApp group, becomes or stops being an admin, or the group\'s name, description or settings change',
		defaults: { name: 'On WhatsApp Group Change' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppSidecarApi', required: true }],
		webhooks: SIDECAR_WEBHOOKS,
		properties: [
			{
				displayName:
					'Each event has a one-sentence <b>summary</b>, the group in <b>groupId</b> and <b>groupName</b>, the people concerned in <b>participants</b> (their numbers in <b>participantPhones</b>), and who did it in <b>by</b> / <b>byPhone</b>. <b>includesMe</b> is true when it is about this WhatsApp account itself.',
				name: 'outputNotice',
				type: 'notice',
				default: '',
			},
			sessionsProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Admin Changed',
						value: 'group.admin_changed',
						description: 'Someone was made an admin, or is no longer one (change: promoted or demoted)',
					},
					{
						name: 'Group Changed',
						value: 'group.update',
						description:
							'The name, description, settings or picture changed, or the group was created (what: subject, description, settings, picture, created); the new values are in subject, description and settings',
					},
					{
						name: 'Joined',
						value: 'group.join',
						description: 'Someone joined: added by an admin, or through the invite link (how: added or invite)',
					},
					{
						name: 'Left',
						value: 'group.leave',
						description: 'Someone left, or an admin removed them (how: left or removed)',
					},
				],
				default: [...GROUP_EVENT_TYPES],
				description: 'Which group events start the workflow; leave empty for all',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Only These Groups',
						name: 'groups',
						type: 'string',
						default: '',
						placeholder: '120363012345678901@g.us',
						description: 'Comma-separated group IDs (…@g.us, or just the number); only events of these groups',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getSessions } };

	webhookMethods = subscriptionWebhookMethods(subscriptionConfig);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = receiveEvent.call(this);
		if ('response' in received) return received.response;
		const { event } = received;
		if (!isGroupEvent(event)) return ignoreEvent(`not a group event: ${event.type}`);
		return { workflowData: [[{ json: { ...readableGroupFields(event), ...eventJson(event) } }]] };
	}
}
