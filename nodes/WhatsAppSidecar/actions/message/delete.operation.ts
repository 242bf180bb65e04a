import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { changeOptions, jobIdField, jobIdParameter, requestChange } from './changeOptions';

const properties: INodeProperties[] = [
	jobIdField,
	{
		displayName: 'Delete For',
		name: 'deleteFor',
		type: 'options',
		options: [
			{
				name: 'Everyone',
				value: 'everyone',
				description: 'The message disappears for everyone in the chat ("This message was deleted"); possible for about 2 days after sending',
			},
			{ name: 'Only Me', value: 'me', description: 'The message disappears only from this WhatsApp account\'s phone and devices' },
		],
		default: 'everyone',
	},
	changeOptions(['idempotencyKey', 'reference']),
];

export const deleteDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['delete'] } }, properties);

/**
 * DELETE /api/messages/:jobId: a message still waiting to go is cancelled (the output is that job,
 * status cancelled); one that went out gets a delete job (the output is the delete job).
 */
export async function deleteMessage(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const jobId = jobIdParameter.call(this, itemIndex);
	const deleteFor = this.getNodeParameter('deleteFor', itemIndex, 'everyone') === 'me' ? 'me' : 'everyone';
	const job = await requestChange.call(this, itemIndex, 'delete', { method: 'DELETE', path: `/messages/${encodeURIComponent(jobId)}`, qs: { for: deleteFor } });
	return [{ json: job, pairedItem: { item: itemIndex } }];
}
