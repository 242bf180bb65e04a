import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';
import { sessionsProperty } from '../../../shared/sessionsList';
import { recipientField, referenceDescription } from '../common.descriptions';

/** The campaign-wide fields (read once) and the per-contact fields (read for each input item) of Campaign → Create. */
const properties: INodeProperties[] = [
	{
		displayName:
			'Runs once for all the input items: each item is one contact, and together they make ONE campaign. Its messages are spread over the chosen numbers, each paced, capped and warmed up on its own; a contact always gets the same number. The node outputs the campaign as soon as the sidecar has accepted it.',
		name: 'campaignNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Spring sale 2026',
		description: 'A name for the campaign, shown in its status and events (up to 200 characters)',
	},
	{
		...sessionsProperty,
		displayName: 'Session Names or IDs',
		required: true,
		description:
			'The WhatsApp numbers (sessions) that send the campaign; its messages are shared between them. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a> (a list, or IDs separated by commas).',
	},
	{ ...recipientField, default: '={{ $json.phone }}', description: `${recipientField.description} Read from each input item.` },
	{
		displayName: 'Message',
		name: 'messageFrom',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Template',
				value: 'template',
				description: 'One text for everyone, with {{placeholders}} filled in from each contact\'s variables',
			},
			{
				name: 'Text per Contact',
				value: 'text',
				description: 'A text for each contact, usually an expression over the input item',
			},
		],
		default: 'template',
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{name}}, our spring sale starts today. Reply STOP to get no more messages.',
		displayOptions: { show: { messageFrom: ['template'] } },
		description:
			'The text every contact gets, with {{name}} placeholders the sidecar fills in from each contact\'s variables (below). Keep this field in Fixed mode: in Expression mode n8n would read the braces itself. If n8n switches to Expression when you type {{, switch back to Fixed, or write {{ \'{{\' }}name}} instead. A contact whose variables lack a placeholder\'s name gets no message: it fails with TEMPLATE_VARIABLE_MISSING, the others still go.',
		hint: 'Fixed mode: {{name}} is filled in by the sidecar per contact, not by n8n',
	},
	{
		displayName: 'Variables',
		name: 'variablesFrom',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { messageFrom: ['template'] } },
		options: [
			{ name: 'All Fields of the Item', value: 'allFields', description: 'Each field of the input item is a variable: {{name}} is its "name" field' },
			{ name: 'Define Below', value: 'list', description: 'Name and value pairs, usually expressions over the item' },
		],
		default: 'allFields',
		description: 'Where each contact\'s template variables come from',
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		placeholder: 'Add variable',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { messageFrom: ['template'], variablesFrom: ['list'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'values',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. name', description: 'The name used in the template: name for {{name}}' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. {{ $json.firstName }}', description: 'This contact\'s value' },
				],
			},
		],
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{ $json.name }}, our spring sale starts today.',
		displayOptions: { show: { messageFrom: ['text'] } },
		description: 'This contact\'s message, read from each input item. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~.',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		description: `${referenceDescription} Read from each input item; leave empty to use the item's ID field, when it has one`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Check Number First',
				name: 'checkNumber',
				type: 'boolean',
				default: false,
				description: 'Whether to check that each number is on WhatsApp before sending to it. A number that is not fails with NOT_ON_WHATSAPP; the others still go.',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: 'e.g. spring-sale-2026',
				description:
					'Creating a campaign again with the same key gives back the first one instead of sending anything twice. Leave empty to use a key made from this workflow, execution and node, so a retry of this node never creates a second campaign. To be safe when a whole workflow is run again, use a key of your own, like the campaign\'s name and date.',
			},
			{
				displayName: 'Send After',
				name: 'sendAfter',
				type: 'dateTime',
				default: '',
				description: 'No message goes before this time (read in the workflow\'s time zone unless the value has its own)',
			},
			{
				displayName: 'Send Before',
				name: 'sendBefore',
				type: 'dateTime',
				default: '',
				description:
					'No message goes after this time (read in the workflow\'s time zone unless the value has its own). A message still held back by pacing, caps, warm-up or quiet hours then is never sent: it ends with status expired (error code SEND_WINDOW_PASSED).',
			},
			{
				displayName: 'Strategy',
				name: 'strategy',
				type: 'options',
				options: [
					{
						name: 'Spread',
						value: 'spread',
						description:
							'When a number cannot send (logged out, failed, stopped, or at its daily or warm-up cap), its waiting messages move to the campaign\'s other numbers, and those contacts stay on their new number',
					},
					{
						name: 'Hold',
						value: 'hold',
						description: 'Each message waits for its own number, however long that takes, so every contact hears from the number they know',
					},
				],
				default: 'spread',
				description: 'What happens to the messages of a number that cannot send',
			},
		],
	},
];

export const createDescription = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['create'] } }, properties);
