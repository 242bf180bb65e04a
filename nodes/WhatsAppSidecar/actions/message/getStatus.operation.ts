import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { referenceFromField } from '../../../../sidecar/src/contract';
import { sidecarRequest } from '../../transport';
import { referenceDescription } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Job ID', value: 'jobId', description: 'The jobId a Send operation output' },
			{ name: 'Reference', value: 'reference', description: 'Every message sent with this reference' },
		],
		default: 'jobId',
	},
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.jobId }}',
		displayOptions: { show: { findBy: ['jobId'] } },
		description: 'The jobId a Send operation output',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {"appointmentId": 42}',
		displayOptions: { show: { findBy: ['reference'] } },
		description: `${referenceDescription} Outputs one item per message with exactly this reference (none when there is none)`,
	},
];

export const getStatusDescription = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getStatus'] } },
	properties,
);

/** Where a message is: queued, sent, delivered, read, failed… by job id, or all messages with a reference. */
export async function getStatus(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('findBy', itemIndex) === 'reference') {
		const reference = referenceFromField(this.getNodeParameter('reference', itemIndex, ''));
		if (reference === undefined) throw new NodeOperationError(this.getNode(), 'Enter the reference to look for', { itemIndex });
		// Text goes as it is: the sidecar then finds it stored as text or as a number ("17" and 17).
		const query = typeof reference === 'string' ? reference : JSON.stringify(reference);
		const { jobs } = await sidecarRequest.call(this, 'GET', '/messages', undefined, { reference: query });
		return (Array.isArray(jobs) ? jobs : []).map((job) => ({ json: job, pairedItem: { item: itemIndex } }));
	}
	const jobId = String(this.getNodeParameter('jobId', itemIndex, '')).trim();
	if (!jobId) throw new NodeOperationError(this.getNode(), 'Enter the job ID of the message', { itemIndex });
	const job = await sidecarRequest.call(this, 'GET', `/messages/${encodeURIComponent(jobId)}`);
	return [{ json: job, pairedItem: { item: itemIndex } }];
}
