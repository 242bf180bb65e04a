import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { sessionPath, getSessionId } from '../../helpers/session';
import { recipientField, sessionLocator } from '../common.descriptions';
import { changeOptions, requestChange } from './changeOptions';
import { messageIdParameter } from './messageId';
import { textParameter } from './send';

const properties: INodeProperties[] = [
	sessionLocator,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. false_6281234567890@c.us_3A5F0B1C2D3E4F5A6B7C',
		description:
			'The message to forward: its WhatsApp ID, from the ID field of the WhatsApp Message Trigger or the messageId of a message this node sent. Not the job ID.',
	},
	{ ...recipientField, description: `Who gets the forwarded message. ${recipientField.description}` },
	changeOptions(['checkNumber', 'idempotencyKey', 'lane', 'reference']),
];

export const forwardDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['forward'] } }, properties);

/** Queues a forward of a message this session's WhatsApp has to another chat; paced like any message. Outputs the job. */
export async function forward(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const messageId = messageIdParameter.call(this, itemIndex);
	const to = textParameter(this.getNodeParameter('to', itemIndex, ''));
	if (!to) throw new NodeOperationError(this.getNode(), 'Enter who gets the forwarded message in "To"', { itemIndex });
	const path = sessionPath(session, `/messages/${encodeURIComponent(messageId)}/forward`);
	const job = await requestChange.call(this, itemIndex, 'forward', { method: 'POST', path, body: { to } });
	return [{ json: job, pairedItem: { item: itemIndex } }];
}
