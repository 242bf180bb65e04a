import type { INodeProperties } from 'n8n-workflow';
import { getInfo, getInfoDescription } from './getInfo.operation';

export const serverOperations = { getInfo };

export const serverDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['server'] } },
		options: [
			{
				name: 'Get Info',
				value: 'getInfo',
				description: 'Check that the sidecar is reachable and see its version and browser',
				action: 'Get sidecar info',
			},
		],
		default: 'getInfo',
	},
	...getInfoDescription,
];
