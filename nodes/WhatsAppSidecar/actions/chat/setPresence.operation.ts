import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

const properties: INodeProperties[] = [
	sessionLocator,
	chatField,
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		default: 'typing',
		options: [
			{ name: 'Typing', value: 'typing', description: 'Show "typing…" in the chat' },
			{ name: 'Recording Audio', value: 'recording', description: 'Show "recording audio…" in the chat' },
			{ name: 'Paused', value: 'paused', description: 'Stop showing typing or recording now' },
		],
		description: 'What the other person sees at the top of the chat',
	},
	{
		displayName: 'Seconds',
		name: 'seconds',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 1, maxValue: 60 },
		displayOptions: { show: { state: ['typing', 'recording'] } },
		description: 'How long the state shows (1–60 seconds); afterwards it stops by itself. The node does not wait for it.',
	},
];

export const setPresenceDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['setPresence'] } }, properties);

/** Typing / recording for some seconds, or paused (`POST …/chats/:chat/presence`). */
export async function setPresence(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const state = String(this.getNodeParameter('state', itemIndex, 'typing'));
	const body = state === 'paused' ? { state } : { state, seconds: Number(this.getNodeParameter('seconds', itemIndex, 10)) };
	const answer = await sidecarRequest.call(this, 'POST', chatPath.call(this, itemIndex, '/presence'), body);
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
