import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { eventJson, ignoreEvent, receiveEvent } from '../shared/receiveEvent';
import { getSessions, parseList, selectedSessions, sessionsProperty } from '../shared/sessionsList';
import { mediaBinary } from '../shared/sidecarMedia';
import { SIDECAR_WEBHOOKS, subscriptionWebhookMethods, type SubscriptionConfig } from '../shared/webhookLifecycle';
import { activityFields, chosenEvents, eventsProperty } from './messageEvents';

interface MessageOptions {
	chats?: string;
	textContains?: string;
	mediaBinaryProperty?: string;
}

/** Chat ids as the sidecar filters them; a bare phone number means its private chat. */
function chatIds(value: unknown): string[] {
	return parseList(value).map((chat) => {
		if (chat.includes('@')) return chat;
		const digits = chat.replace(/\D/g, '');
		return digits ? `${digits}@c.us` : chat;
	});
}

/** What the sidecar filters for this trigger; the text filter is applied here, in webhook(). */
function subscriptionConfig(this: IHookFunctions): SubscriptionConfig {
	const options = this.getNodeParameter('options', {}) as MessageOptions;
	const chats = chatIds(options.chats);
	return {
		events: chosenEvents(this.getNodeParameter('events', ['message'])),
		sessions: selectedSessions.call(this),
		filters: {
			...(this.getNodeParameter('ignoreOwnMessages', true) ? { fromMe: false } : {}),
			...(this.getNodeParameter('includeGroups', true) ? {} : { groups: false }),
			...(chats.length ? { chats } : {}),
		},
	};
}

export class WhatsAppMessageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Message Trigger',
		name: 'whatsAppMessageTrigger',
		icon: { light: 'file:whatsApp.svg', dark: 'file:whatsApp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On message',
		description:
			'Starts the workflow when a WhatsApp message arrives through the local WhatsApp sidecar (or, when chosen under Events, a reaction, an edit, a deletion, a poll vote or a call). The sender\'s phone number is in senderPhone; reply to chatId.',
		defaults: { name: 'On WhatsApp Message' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppSidecarApi', required: true }],
		webhooks: SIDECAR_WEBHOOKS,
		properties: [
			{
				displayName:
					'Each message has the contact\'s phone number in <b>phone</b> (with country code, like 628123456789; for your own messages the chat\'s) and the sender\'s in <b>senderPhone</b>. WhatsApp shows some people only as a linked ID (sender and chatId end in @lid): these are then their number when WhatsApp tells it, or empty when they hide it. To answer, send to <b>chatId</b>: it works for both.',
				name: 'phoneNotice',
				type: 'notice',
				default: '',
			},
			sessionsProperty,
			eventsProperty,
			{
				displayName: 'Ignore Own Messages',
				name: 'ignoreOwnMessages',
				type: 'boolean',
				default: true,
				description:
					'Whether to leave out messages this account wrote on the phone or in WhatsApp Web (messages sent through the sidecar are never reported here), and its own reactions, edits, deletions and votes',
			},
			{
				displayName: 'Include Groups',
				name: 'includeGroups',
				type: 'boolean',
				default: true,
				description: 'Whether to include messages in group chats (and reactions, edits, deletions and votes there, and group calls)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Only These Chats',
						name: 'chats',
						type: 'string',
						default: '',
						placeholder: '628123456789@c.us, 120363012345678901@g.us',
						description:
							'Comma-separated chat IDs (…@c.us, …@lid, …@g.us for groups) or phone numbers with country code; only messages in these chats. A phone number also matches its chat when WhatsApp addresses it by a linked ID (…@lid).',
					},
					{
						displayName: 'Put Media in Binary Field',
						name: 'mediaBinaryProperty',
						type: 'string',
						default: 'data',
						description:
							'Download the photo, video, voice note or document of a media message into this binary field',
					},
					{
						displayName: 'Text Contains',
						name: 'textContains',
						type: 'string',
						default: '',
						description: 'Only messages whose text or caption contains this (not case-sensitive)',
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
		const wanted: string[] = chosenEvents(this.getNodeParameter('events', ['message']));
		if (!wanted.includes(event.type)) return ignoreEvent(`not an event this trigger starts on: ${event.type}`);
		if (event.type !== 'message') {
			const json = eventJson(event);
			return { workflowData: [[{ json: { ...json, ...activityFields(event.type, json) } }]] };
		}

		const options = this.getNodeParameter('options', {}) as MessageOptions;
		const needle = (options.textContains ?? '').toLowerCase();
		if (needle && !String(event.payload.text ?? '').toLowerCase().includes(needle)) {
			return ignoreEvent('the text does not contain the filter text');
		}

		const json = eventJson(event);
		// Where a no-code user looks for it first: the contact's number, whatever WhatsApp addressed them by
		// (the sender's; for this account's own messages, the chat's).
		const { fromMe, senderPhone, chatPhone } = event.payload;
		json.phone = (fromMe ? chatPhone : senderPhone) ?? null;
		const item: INodeExecutionData = { json };
		const property = options.mediaBinaryProperty?.trim();
		const media = event.payload.media;
		if (property && media && typeof media === 'object') {
			const mediaJson: IDataObject = { ...media };
			try {
				const binary = await mediaBinary.call(this, mediaJson);
				if (binary) {
					item.binary = { [property]: binary };
					// The bytes are in the binary field now; no need to carry them twice.
					delete mediaJson.base64;
				}
			} catch (error) {
				// The message still starts the workflow; the media's absence is stated on it.
				const reason = error instanceof Error ? error.message : String(error);
				this.logger.warn(`Could not download the media of WhatsApp message ${String(event.payload.id)}: ${reason}`);
				mediaJson.downloadError = reason;
			}
			json.media = mediaJson;
		}
		return { workflowData: [[item]] };
	}
}
