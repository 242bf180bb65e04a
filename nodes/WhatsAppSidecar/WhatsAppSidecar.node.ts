import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { router } from './actions/router';
import { serverDescription } from './actions/server';

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
				options: [{ name: 'Server', value: 'server' }],
				default: 'server',
			},
			...serverDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
