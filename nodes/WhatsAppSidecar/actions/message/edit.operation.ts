import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { changeOptions, jobIdField, jobIdParameter, requestChange } from './changeOptions';

const properties: INodeProperties[] = [
	{ ...jobIdField, description: `${jobIdField.description}. Only a text, or the caption of a photo, video or document, can be edited.` },
	{
		displayName: 'New Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'What the message (or caption) says from now on. WhatsApp shows it as "Edited".',
	},
	changeOptions(['idempotencyKey', 'reference']),
];

export const editDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['edit'] } }, properties);

/** Queues an edit of a message this sidecar sent (POST /api/messages/:jobId/edit); outputs the edit job. */
export async function edit(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const jobId = jobIdParameter.call(this, itemIndex);
	const text = String(this.getNodeParameter('text', itemIndex, '') ?? '');
	if (!text.trim()) throw new NodeOperationError(this.getNode(), 'Enter the new text in "New Text"', { itemIndex });
	const job = await requestChange.call(this, itemIndex, 'edit', { method: 'POST', path: `/messages/${encodeURIComponent(jobId)}/edit`, body: { text } });
	return [{ json: job, pairedItem: { item: itemIndex } }];
}
