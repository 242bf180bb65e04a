import type { INodeProperties } from 'n8n-workflow';
import { deleteDescription, deleteMessage } from './delete.operation';
import { edit, editDescription } from './edit.operation';
import { forward, forwardDescription } from './forward.operation';
import { getStatus, getStatusDescription } from './getStatus.operation';
import { react, reactDescription } from './react.operation';
import { reply, replyDescription } from './reply.operation';
import { sendContact, sendContactDescription } from './sendContact.operation';
import { sendLocation, sendLocationDescription } from './sendLocation.operation';
import { sendMedia, sendMediaDescription } from './sendMedia.operation';
import { sendPoll, sendPollDescription } from './sendPoll.operation';
import { sendText, sendTextDescription } from './sendText.operation';

export const messageOperations = {
	delete: deleteMessage,
	edit,
	forward,
	getStatus,
	react,
	reply,
	sendContact,
	sendLocation,
	sendMedia,
	sendPoll,
	sendText,
};

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete a message this node sent, for everyone in the chat (possible for about 2 days after sending) or only for this account. Needs its Job ID (the jobId a Send operation output). A message still waiting to go is cancelled instead. Returns the delete job (or the cancelled job); past the 2 days the delete job fails with DELETE_WINDOW_EXPIRED.',
				action: 'Delete a message',
			},
			{
				name: 'Edit',
				value: 'edit',
				description:
					'Change the text (or caption) of a message this node sent, within WhatsApp\'s 15 minutes after sending; WhatsApp shows it as "Edited". Needs its Job ID (the jobId a Send operation output) and the new text. Returns the edit job; after the 15 minutes it fails with EDIT_WINDOW_EXPIRED.',
				action: 'Edit a message',
			},
			{
				name: 'Forward',
				value: 'forward',
				description:
					'Forward a WhatsApp message (one received or one sent) to another chat; it shows as "Forwarded". Needs the message ID (from the WhatsApp Message Trigger\'s ID field, or a sent message\'s messageId) and who gets it. Paced like any message; returns the queued job.',
				action: 'Forward a message',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'See whether a message was sent, delivered or read, by its job ID or its reference',
				action: 'Get message status',
			},
			{
				name: 'React',
				value: 'react',
				description:
					'Put an emoji on a WhatsApp message (👍, ❤️, …), or remove your reaction with an empty emoji. Needs the chat and the message ID (from the WhatsApp Message Trigger: its chatId and ID fields). Goes out within seconds on the reply lane; returns the queued job.',
				action: 'React to a message',
			},
			{
				name: 'Reply',
				value: 'reply',
				description:
					'Answer a WhatsApp message so the answer shows quoting it: text, or media from a URL, optionally mentioning people. Needs the chat and the message ID (from the WhatsApp Message Trigger: its chatId and ID fields). Returns the queued job.',
				action: 'Reply to a message',
			},
			{
				name: 'Send Contact Card',
				value: 'sendContact',
				description:
					'Share one or several contacts as cards (a name and a phone number each) that the recipient can save or message with one tap. Returns the queued job.',
				action: 'Send a contact card',
			},
			{
				name: 'Send Location',
				value: 'sendLocation',
				description:
					'Send a map pin from a latitude and longitude, with an optional place name and address. Returns the queued job.',
				action: 'Send a location',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				description: 'Send an image, video, audio or document',
				action: 'Send a media message',
			},
			{
				name: 'Send Poll',
				value: 'sendPoll',
				description:
					'Ask a question with 2 to 12 answers to tap (one, or several if allowed), e.g. to confirm or reschedule an appointment. Returns the queued job; votes come back as events.',
				action: 'Send a poll',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				description: 'Send a text message',
				action: 'Send a text message',
			},
		],
		default: 'sendText',
	},
	...sendTextDescription,
	...sendMediaDescription,
	...replyDescription,
	...reactDescription,
	...sendLocationDescription,
	...sendContactDescription,
	...sendPollDescription,
	...getStatusDescription,
	...editDescription,
	...deleteDescription,
	...forwardDescription,
];
