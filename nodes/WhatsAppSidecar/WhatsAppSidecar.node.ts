import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { campaignDescription } from './actions/campaign';
import { chatDescription } from './actions/chat';
import { contactDescription } from './actions/contact';
import { groupDescription } from './actions/group';
import { messageDescription } from './actions/message';
import { router } from './actions/router';
import { serverDescription } from './actions/server';
import { sessionDescription } from './actions/session';
import { searchSessions } from './methods/listSearch';
import { getSessions } from '../shared/sessionsList';

// Programmatic rather than declarative: sending media reads n8n binary data and
// Get QR returns a PNG binary, which declarative routing does not express.
export class WhatsAppSidecar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp (Sidecar)',
		name: 'whatsAppSidecar',
		icon: { light: 'file:whatsAppSidecar.svg', dark: 'file:whatsAppSidecar.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send WhatsApp messages and manage sessions through the local WhatsApp sidecar',
		defaults: { name: 'WhatsApp (Sidecar)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppSidecarApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Campaign',
						value: 'campaign',
						description: 'Send one message to many contacts over one or more numbers, and follow, pause or cancel it',
					},
					{ name: 'Chat', value: 'chat', description: 'Read a chat\'s messages, list chats, mark read, show typing, archive and mute' },
					{ name: 'Contact', value: 'contact', description: 'Check whether a number is on WhatsApp, look a contact up, block and unblock' },
					{ name: 'Group', value: 'group', description: 'Create and manage groups: participants, settings, invite links' },
					{ name: 'Message', value: 'message', description: 'Send messages and follow their status' },
					{ name: 'Server', value: 'server', description: 'Check that the sidecar is reachable' },
					{ name: 'Session', value: 'session', description: 'Link phones (QR code) and manage their sessions' },
				],
				default: 'message',
			},
			...messageDescription,
			...sessionDescription,
			...contactDescription,
			...chatDescription,
			...groupDescription,
			...serverDescription,
			// Campaigns (issue 15)
			...campaignDescription,
		],
	};

	methods = { listSearch: { searchSessions }, loadOptions: { getSessions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
