import {
	jsonParse,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { sidecarRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. main',
		description: 'A name for the new session: 1 to 64 letters, digits, "-" or "_". Each session links one phone number.',
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Device Name',
				name: 'deviceName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Clinic front desk',
				description: 'What the phone lists under Linked devices for this session (default: n8n WhatsApp Sidecar)',
			},
			{
				displayName: 'Link With Phone Number',
				name: 'pairWithPhone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +62 812 3456 789',
				description:
					'Link with a pairing code typed on this phone instead of a QR: the session never shows a QR, and its codes come as New Pairing Code events (Session Trigger) or from Get Pairing Code',
			},
			{
				displayName: 'Pacing (JSON)',
				name: 'pacing',
				type: 'json',
				default: '{}',
				description:
					'Changes to how fast this number sends, e.g. {"warmup": {"enabled": false}} for an established number. The defaults are safe; see the sidecar README, section Pacing.',
			},
			{
				displayName: 'Start Now',
				name: 'start',
				type: 'boolean',
				default: true,
				description: 'Whether to start the session right away, so it shows a QR code to scan (Session → Get QR)',
			},
			{
				displayName: 'When WhatsApp Is Opened Elsewhere',
				name: 'conflictPolicy',
				type: 'options',
				options: [
					{ name: 'Take It Back', value: 'takeover', description: 'Take the session back from the other browser at once' },
					{ name: 'Wait', value: 'wait', description: 'Let the other browser have it, and try again a little later' },
				],
				default: 'wait',
				description: 'What the session does when WhatsApp Web is opened for the same number in another browser',
			},
		],
	},
];

export const createDescription = updateDisplayOptions({ show: { resource: ['session'], operation: ['create'] } }, properties);

/** Creates a session (`POST /api/sessions`), started unless told otherwise. */
export async function create(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('sessionId', itemIndex)).trim();
	const options = this.getNodeParameter('createOptions', itemIndex, {}) as {
		pacing?: string | IDataObject;
		start?: boolean;
		conflictPolicy?: string;
		deviceName?: string;
		pairWithPhone?: string;
	};
	const config: IDataObject = {};
	if (options.conflictPolicy) config.conflictPolicy = options.conflictPolicy;
	if (options.deviceName?.trim()) config.deviceName = options.deviceName.trim();
	if (options.pairWithPhone?.trim()) config.pairWithPhone = options.pairWithPhone.trim();
	const pacing = typeof options.pacing === 'string' ? parsePacing.call(this, itemIndex, options.pacing) : options.pacing;
	if (pacing && Object.keys(pacing).length > 0) config.pacing = pacing;

	const body: IDataObject = { id };
	if (Object.keys(config).length > 0) body.config = config;
	if (options.start === false) body.start = false;
	const view = await sidecarRequest.call(this, 'POST', '/sessions', body);
	return [{ json: view, pairedItem: { item: itemIndex } }];
}

function parsePacing(this: IExecuteFunctions, itemIndex: number, text: string): IDataObject | undefined {
	if (!text.trim()) return undefined;
	const parsed = jsonParse<unknown>(text, { fallbackValue: undefined });
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), '"Pacing (JSON)" is not a JSON object', {
			itemIndex,
			description: 'Write it like {"minGapMs": 45000}, or remove the option to keep the safe defaults.',
		});
	}
	return parsed as IDataObject;
}
