import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { pacingNotice, recipientField, sessionLocator } from '../common.descriptions';
import { replyToOption, sendOptionsWith } from './messageOptions';
import { sendMessage } from './send';

const properties: INodeProperties[] = [
	pacingNotice,
	sessionLocator,
	recipientField,
	{
		displayName: 'Question',
		name: 'question',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Monday 10:00: does it suit you?',
		description: 'The question above the options (up to 255 characters)',
	},
	{
		displayName: 'Options',
		name: 'pollOptions',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Option' },
		required: true,
		default: ['Yes', 'No'],
		description: 'The answers to choose from: 2 to 12, all different (up to 100 characters each)',
	},
	{
		displayName: 'Allow Multiple Answers',
		name: 'multiple',
		type: 'boolean',
		default: false,
		description: 'Whether a voter may pick several options. Off: one answer each.',
	},
	sendOptionsWith([replyToOption]),
];

export const sendPollDescription = updateDisplayOptions({ show: { resource: ['message'], operation: ['sendPoll'] } }, properties);

/** Queues a poll: a question with 2 to 12 options, single or multiple answers. */
export async function sendPoll(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const question = String(this.getNodeParameter('question', itemIndex, ''));
	const raw = this.getNodeParameter('pollOptions', itemIndex, []) as unknown;
	// An expression may give one text with the options on separate lines instead of a list.
	const options = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split('\n')).map((o) => o.trim()).filter(Boolean);
	const multiple = this.getNodeParameter('multiple', itemIndex, false) as boolean;
	return sendMessage.call(this, itemIndex, 'sendPoll', { poll: { question, options, multiple } });
}
