import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { getSessionId, sessionPath } from '../../helpers/session';

/** The chat an operation works on. */
export const chatField: INodeProperties = {
	displayName: 'Chat',
	name: 'chat',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +62 812 3456 789',
	description:
		'The chat: the person\'s phone number with its country code (+62 812-3456-789 or 628123456789), or a chat ID as other steps give it (a message\'s chatId, or a chat\'s ID from List Chats: …@c.us, …@lid, or …@g.us for a group)',
};

/** The API path of the chosen chat, or of something under it (`/read`, `/messages`). */
export function chatPath(this: IExecuteFunctions, itemIndex: number, suffix = ''): string {
	const session = getSessionId.call(this, itemIndex);
	const chat = String(this.getNodeParameter('chat', itemIndex, '')).trim();
	if (!chat) throw new NodeOperationError(this.getNode(), 'Enter the chat: a phone number or a chat ID', { itemIndex });
	return sessionPath(session, `/chats/${encodeURIComponent(chat)}${suffix}`);
}
