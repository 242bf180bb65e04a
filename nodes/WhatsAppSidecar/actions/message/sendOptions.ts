import type { INodeProperties } from 'n8n-workflow';
import { referenceDescription } from '../common.descriptions';

/** The Options collection of Send Text and Send Media (read by `send.ts`). */
export const sendOptions: INodeProperties = {
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
			description:
				'Whether to check that the number is on WhatsApp before sending. If it is not, the message fails with NOT_ON_WHATSAPP instead of being sent.',
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description:
				'Sending again with the same key gives back the first message instead of sending a second one. Leave empty to use a key made from this workflow, execution, node and item, so a retry of this node (Retry On Fail, or the step run again in the same execution) never sends twice. n8n\'s "Retry" of a failed execution starts a new execution: to be safe there too, use a key made from your data, like the appointment ID followed by "-reminder".',
			placeholder: 'e.g. {{ $json.appointmentId }}-reminder',
		},
		{
			displayName: 'Lane',
			name: 'lane',
			type: 'options',
			options: [
				{
					name: 'Bulk',
					value: 'bulk',
					description:
						'Everything the person did not just write to you about: reminders, campaigns, and messages a webhook or form starts (a booking confirmation). 30–60 seconds apart by default.',
				},
				{
					name: 'Reply',
					value: 'reply',
					description:
						'Only an answer to a WhatsApp message the person just sent you (from the WhatsApp Message Trigger): a short, human pause, ahead of bulk messages',
				},
			],
			default: 'bulk',
			description: 'How the message is paced',
			hint: 'Pacing keeps the number from being banned: WhatsApp blocks numbers that send many messages quickly, like a bot. Reply is for answering someone who wrote on WhatsApp a moment ago; a message triggered by a webhook, a form or a schedule (a booking confirmation, a reminder) is Bulk, even when it is urgent: with nothing else waiting (and outside quiet hours) it still goes out right away.',
		},
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			description: `${referenceDescription} Leave empty to use the ID field of the input item, when it has one`,
			hint: 'Empty: the input item\'s "id" field is used',
		},
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description:
				"Send no earlier than this time (read in the workflow's time zone unless the value has its own). Pacing still applies, so it may go out a little later.",
		},
		{
			displayName: 'Send Before',
			name: 'sendBefore',
			type: 'dateTime',
			default: '',
			description:
				"Never send after this time (read in the workflow's time zone unless the value has its own), e.g. the appointment time for a reminder. A message still held back by pacing, daily caps, warm-up, quiet hours, a paused queue or a disconnected session when this time comes is never sent: it ends with status expired (error code SEND_WINDOW_PASSED) and the WhatsApp Ack Trigger's Expired status fires with its reference. Must be in the future, and after Send At when both are set.",
			placeholder: 'e.g. {{ $json.appointmentTime }}',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			displayOptions: { show: { waitUntilSent: [true] } },
			description:
				'How long to wait for the message to be sent. When the time is up, the node outputs the message as it is then, with waitTimedOut: true, instead of failing.',
		},
		{
			displayName: 'Wait Until Sent',
			name: 'waitUntilSent',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until WhatsApp has the message (status sent, delivered, read or played) before going on. A message that fails or expires meanwhile stops the node with the reason. Off: the node goes on as soon as the message is queued.',
		},
	],
};
