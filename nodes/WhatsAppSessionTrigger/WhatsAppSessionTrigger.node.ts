import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { SESSION_STATUS_MEANINGS, SESSION_STATUSES, type EventType } from '../../sidecar/src/contract';
import { eventJson, ignoreEvent, receiveEvent } from '../shared/receiveEvent';
import { getSessions, parseList, selectedSessions, sessionsProperty } from '../shared/sessionsList';
import { statusOptions } from '../shared/statusOptions';
import { SIDECAR_WEBHOOKS, subscriptionWebhookMethods, type SubscriptionConfig } from '../shared/webhookLifecycle';

const EVENTS: EventType[] = ['session.status', 'session.qr', 'session.pairing_code'];

/** The statuses worth an alert: someone has to scan, or the session gave up. */
const ALERT_STATUSES = ['FAILED', 'LOGGED_OUT', 'SCAN_QR'];

const PNG_DATA_URL = /^data:image\/png;base64,/;

function subscriptionConfig(this: IHookFunctions): SubscriptionConfig {
	const chosen = parseList(this.getNodeParameter('events', ['session.status'])).filter((e): e is EventType =>
		(EVENTS as string[]).includes(e),
	);
	// The sidecar does not filter session events by status: webhook() does.
	return { events: chosen.length ? chosen : ['session.status'], sessions: selectedSessions.call(this), filters: {} };
}

export class WhatsAppSessionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Session Trigger',
		name: 'whatsAppSessionTrigger',
		icon: { light: 'file:whatsApp.svg', dark: 'file:whatsApp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'On session status',
		description:
			'Starts the workflow when a WhatsApp sidecar session needs attention: a QR to scan or a pairing code to type, logged out, failed',
		defaults: { name: 'On WhatsApp Session Status' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppSidecarApi', required: true }],
		webhooks: SIDECAR_WEBHOOKS,
		properties: [
			sessionsProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'New Pairing Code',
						value: 'session.pairing_code',
						description:
							'Each pairing code a session shows to be linked by phone number instead of a QR (the code, the number whose phone must type it, and until when it is valid)',
					},
					{
						name: 'New QR Code',
						value: 'session.qr',
						description: 'Each QR a session shows to be linked (raw text, data URL and PNG)',
					},
					{
						name: 'Status Changed',
						value: 'session.status',
						description: 'A session changed status (filtered by the statuses below)',
					},
				],
				default: ['session.status'],
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: statusOptions(SESSION_STATUSES, SESSION_STATUS_MEANINGS),
				default: ['FAILED', 'LOGGED_OUT', 'SCAN_QR'],
				description: 'For Status Changed: which new statuses start the workflow; leave empty for all',
			},
			{
				displayName: 'Put QR PNG in Binary Field',
				name: 'qrBinaryProperty',
				type: 'string',
				default: 'data',
				description: 'For New QR Code: the binary field for the QR as a PNG image; leave empty for none',
			},
		],
	};

	methods = { loadOptions: { getSessions } };

	webhookMethods = subscriptionWebhookMethods(subscriptionConfig);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = receiveEvent.call(this);
		if ('response' in received) return received.response;
		const { event } = received;
		const json = eventJson(event);

		if (event.type === 'session.status') {
			const statuses = parseList(this.getNodeParameter('statuses', ALERT_STATUSES));
			if (statuses.length && !statuses.includes(String(event.payload.status))) {
				return ignoreEvent(`status ${String(event.payload.status)} is not selected`);
			}
			return { workflowData: [[{ json }]] };
		}

		if (event.type === 'session.qr') {
			const item: INodeExecutionData = { json };
			const property = String(this.getNodeParameter('qrBinaryProperty', 'data') ?? '').trim();
			const dataUrl = event.payload.dataUrl;
			if (property && typeof dataUrl === 'string' && PNG_DATA_URL.test(dataUrl)) {
				const png = Buffer.from(dataUrl.replace(PNG_DATA_URL, ''), 'base64');
				item.binary = { [property]: await this.helpers.prepareBinaryData(png, `qr-${event.session}.png`, 'image/png') };
			}
			return { workflowData: [[item]] };
		}

		if (event.type === 'session.pairing_code') return { workflowData: [[{ json }]] };

		return ignoreEvent(`not a session event: ${event.type}`);
	}
}
