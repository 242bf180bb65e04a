import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { chatField, chatPath } from './fields';

/** WhatsApp's own choices, in seconds. */
const DURATIONS: Record<string, number> = { '8h': 8 * 3600, '1w': 7 * 86_400 };

const properties: INodeProperties[] = [
	sessionLocator,
	chatField,
	{
		displayName: 'Mute For',
		name: 'muteFor',
		type: 'options',
		default: '8h',
		options: [
			{ name: '8 Hours', value: '8h' },
			{ name: '1 Week', value: '1w' },
			{ name: 'Always', value: 'always', description: 'Until it is unmuted' },
			{ name: 'Until a Date', value: 'until' },
		],
		description: 'How long notifications of this chat stay silent on the phone',
	},
	{
		displayName: 'Until',
		name: 'until',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { muteFor: ['until'] } },
		description: 'When the mute ends (a time in the future)',
	},
];

export const muteDescription = updateDisplayOptions({ show: { resource: ['chat'], operation: ['mute'] } }, properties);

/** Mutes the chat for a while or for good (`POST …/chats/:chat/mute`). */
export async function mute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const muteFor = String(this.getNodeParameter('muteFor', itemIndex, '8h'));
	let body: IDataObject = {};
	if (muteFor in DURATIONS) body = { seconds: DURATIONS[muteFor] };
	else if (muteFor === 'until') {
		const until = Date.parse(String(this.getNodeParameter('until', itemIndex, '')));
		if (Number.isNaN(until)) throw new NodeOperationError(this.getNode(), 'Enter the date and time the mute ends', { itemIndex });
		body = { until: new Date(until).toISOString() };
	}
	const answer = await sidecarRequest.call(this, 'POST', chatPath.call(this, itemIndex, '/mute'), body);
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
