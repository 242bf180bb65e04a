import type { INodeProperties } from 'n8n-workflow';
import { cancel, cancelDescription } from './cancel.operation';
import { create, createDescription } from './create.operation';
import { getStatus, getStatusDescription } from './getStatus.operation';
import { listMessages, listMessagesDescription } from './listMessages.operation';
import { pause, pauseDescription } from './pause.operation';
import { resume, resumeDescription } from './resume.operation';

/** Operations run once per input item. */
export const campaignOperations = { getStatus, pause, resume, cancel, listMessages };
/** Create runs once over all the input items: they are the campaign's contacts. */
export const campaignAllItemsOperations = { create };

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description:
					'Stop a campaign for good: its messages still waiting are cancelled (status cancelled), the ones already sent are untouched. Needs the campaign ID. Returns the campaign with state "cancelled".',
				action: 'Cancel a campaign',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Send one message to many contacts from one or more WhatsApp numbers: ALL the input items together make ONE campaign, each item one contact (its phone number, its template variables such as name, its reference). Needs a name, the sessions and a template with {{placeholders}} (or a text per contact). The sidecar spreads the messages over the numbers, paces each number, keeps each contact on one number and skips opted-out contacts. Returns one item: the campaign (campaignId, state, total, counts by status).',
				action: 'Create a campaign',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description:
					'See how a campaign is going: its state (running, paused, cancelled, finished), how many messages are in each status (queued, sent, delivered, read, failed, skipped…), failures by error code, each number\'s progress, the estimated finish time and what holds it back. Needs the campaign ID.',
				action: 'Get a campaign status',
			},
			{
				name: 'List Messages',
				value: 'listMessages',
				description:
					'List a campaign\'s messages, optionally only those in some statuses (e.g. failed or skipped). Needs the campaign ID. Returns one item per message: its jobId, to, status, session, reference and error.',
				action: 'List campaign messages',
			},
			{
				name: 'Pause',
				value: 'pause',
				description:
					'Hold a running campaign: its waiting messages stay queued until Resume (other messages of the same numbers still go; Send Before still expires them). Needs the campaign ID. Returns the campaign with state "paused".',
				action: 'Pause a campaign',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Let a paused campaign go on. Needs the campaign ID. Returns the campaign with state "running".',
				action: 'Resume a campaign',
			},
		],
		default: 'create',
	},
	...createDescription,
	...getStatusDescription,
	...pauseDescription,
	...resumeDescription,
	...cancelDescription,
	...listMessagesDescription,
];
