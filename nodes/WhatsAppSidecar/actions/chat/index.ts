import type { INodeProperties } from 'n8n-workflow';
import { archive, archiveDescription } from './archive.operation';
import { getMessages, getMessagesDescription } from './getMessages.operation';
import { list, listDescription } from './list.operation';
import { markRead, markReadDescription } from './markRead.operation';
import { mute, muteDescription } from './mute.operation';
import { setPresence, setPresenceDescription } from './setPresence.operation';
import { unarchive, unarchiveDescription } from './unarchive.operation';
import { unmute, unmuteDescription } from './unmute.operation';

export const chatOperations = { archive, getMessages, list, markRead, mute, setPresence, unarchive, unmute };

/**
 * Each description says what the operation does, what it needs and what it returns: a
 * person reads it in the list, and an AI Agent using the node as a tool decides by it.
 * All of them act at once through a connected session (nothing is queued).
 */
export const chatDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['chat'] } },
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Move a chat to the archive. Needs the chat (phone number or chat ID). Returns {chatId, archived: true}.',
				action: 'Archive a chat',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				description:
					'Read the last messages of a chat, newest first (up to 100; give "Before Message ID" to read further back). Needs the chat (phone number or chat ID). Returns one item per message: text, fromMe (true when this number sent it), sender, timestamp, type, and for a file the URL to download it (in media).',
				action: 'Get the messages of a chat',
			},
			{
				name: 'List Chats',
				value: 'list',
				description:
					'List the chats of the WhatsApp number, newest activity first. Returns one item per chat: its ID (use it as the chat elsewhere), name, phone, unreadCount, lastMessage, archived, muted, isGroup.',
				action: 'List chats',
			},
			{
				name: 'Mark Read',
				value: 'markRead',
				description: 'Mark a chat read: the sender sees blue ticks on the unread messages. Needs the chat (phone number or chat ID). Returns {chatId, read: true}.',
				action: 'Mark a chat as read',
			},
			{
				name: 'Mute',
				value: 'mute',
				description: 'Silence a chat\'s notifications for 8 hours, a week, until a date, or always. Needs the chat. Returns {chatId, muted, mutedUntil}.',
				action: 'Mute a chat',
			},
			{
				name: 'Set Presence',
				value: 'setPresence',
				description:
					'Show "typing…" or "recording audio…" to the other person for some seconds (then it stops by itself), or stop it. Needs the chat and the state. Returns {chatId, state, until}.',
				action: 'Show typing or recording in a chat',
			},
			{
				name: 'Unarchive',
				value: 'unarchive',
				description: 'Bring a chat back from the archive. Needs the chat. Returns {chatId, archived: false}.',
				action: 'Unarchive a chat',
			},
			{
				name: 'Unmute',
				value: 'unmute',
				description: 'Turn a chat\'s notifications back on. Needs the chat. Returns {chatId, muted: false}.',
				action: 'Unmute a chat',
			},
		],
		default: 'getMessages',
	},
	...archiveDescription,
	...getMessagesDescription,
	...listDescription,
	...markReadDescription,
	...muteDescription,
	...setPresenceDescription,
	...unarchiveDescription,
	...unmuteDescription,
];
