import type { MessageKind } from '../../contract';
import { messageIdParts } from '../../contacts/userIds';
import {
	ContentConflictError,
	ContentMissingError,
	MentionInvalidError,
	MessageIdInvalidError,
	ReactionInvalidError,
	RecipientInvalidError,
} from '../../errors';
import type { JobContent } from '../../storage/records';
import { normalizeRecipient } from '../recipients';
import { checkContacts, checkLocation, checkPoll } from './contentChecks';
import { checkEmoji } from './emoji';

/**
 * What a send request carries, checked and put the way a job keeps it. A message has exactly one
 * content field; `replyTo` (quote a message) and `mentions` go beside it. Media is not here: its
 * bytes and URL checks are acceptJob's (media/). Edits, deletions and forwards can come as further
 * kinds: a field here, a case in kindOf, and their mapping in the engine (sessions/engine/outgoingContent.ts).
 */
export interface ContentRequest {
	text?: string;
	media?: unknown;
	caption?: string;
	location?: { latitude: number; longitude: number; name?: string; address?: string };
	contacts?: Array<{ name: string; phone: string }>;
	poll?: { question: string; options: string[]; multiple?: boolean };
	reaction?: { messageId: string; emoji: string };
	replyTo?: string;
	mentions?: string[];
	// Built by the sidecar (content/messageChanges.ts), never taken from a send request's body.
	edit?: JobContent['edit'];
	delete?: JobContent['delete'];
	forward?: JobContent['forward'];
}

/** The content fields, in the order a conflict names them. */
export const CONTENT_FIELDS = ['text', 'media', 'location', 'contacts', 'poll', 'reaction', 'edit', 'delete', 'forward'] as const satisfies readonly MessageKind[];

/** The one content field a request gives; none or several is the client's mistake, named. */
export function requestedKind(request: ContentRequest): MessageKind {
	const given = CONTENT_FIELDS.filter((field) => request[field] !== undefined);
	if (given.length === 0) throw new ContentMissingError();
	if (given.length > 1) throw new ContentConflictError([...given]);
	return given[0];
}

/** The kind of a stored job's content (jobs from before issue 14 have text or media only). */
export function kindOf(content: JobContent): MessageKind {
	if (content.edit) return 'edit';
	if (content.delete) return 'delete';
	if (content.forward) return 'forward';
	if (content.reaction) return 'reaction';
	if (content.poll) return 'poll';
	if (content.contacts) return 'contacts';
	if (content.location) return 'location';
	if (content.media) return 'media';
	return 'text';
}

/** The request's content as a job keeps it (without media), every field checked. */
export function contentOf(
	request: ContentRequest,
	defaultCountryCode?: string,
	chatId?: string,
): { kind: MessageKind; content: Omit<JobContent, 'media'> } {
	const kind = requestedKind(request);
	const content: Omit<JobContent, 'media'> = {};
	switch (kind) {
		case 'text':
			content.text = request.text;
			break;
		case 'media':
			content.caption = request.caption;
			break;
		case 'location':
			content.location = checkLocation(request.location!);
			break;
		case 'contacts':
			content.contacts = checkContacts(request.contacts!, defaultCountryCode);
			break;
		case 'poll':
			content.poll = checkPoll(request.poll!);
			break;
		case 'reaction':
			content.reaction = checkReaction(request, chatId);
			break;
		case 'edit':
		case 'delete':
		case 'forward':
			// Checked where the sidecar built them (content/messageChanges.ts).
			content[kind] = request[kind] as never;
			break;
	}
	if (request.replyTo !== undefined) content.replyTo = checkMessageId('replyTo', request.replyTo);
	if (request.mentions !== undefined) content.mentions = checkMentions(kind, request.mentions, defaultCountryCode);
	return { kind, content };
}

/**
 * Follow-ups in a conversation: a reaction, an edit, a deletion. They take the reply lane, are never
 * a first contact (they go on a message already in the chat), and count against the session's caps
 * but not the per-recipient cap (pacing: reaction gap).
 */
export function isFollowUp(content: JobContent): boolean {
	return Boolean(content.reaction || content.edit || content.delete);
}

function checkReaction(request: ContentRequest, chatId?: string): NonNullable<JobContent['reaction']> {
	// A reaction is an emoji on a message: it quotes nothing and mentions nobody.
	if (request.replyTo !== undefined) throw new ReactionInvalidError('a reaction goes on reaction.messageId and quotes no message (leave replyTo out)');
	if (request.mentions !== undefined) throw new ReactionInvalidError('a reaction mentions nobody (leave mentions out)');
	const { messageId, emoji } = request.reaction!;
	const id = checkMessageId('reaction.messageId', messageId);
	const chat = messageIdParts(id)!.chat;
	// `to` orders the reaction among the chat's messages: it must be the message's chat. A phone chat and a
	// LID chat can be the same person, so only ids of the same kind are compared.
	if (chatId && chat !== chatId && chat.split('@')[1] === chatId.split('@')[1]) {
		throw new ReactionInvalidError(`the message is in the chat ${chat}, but "to" is ${chatId}; give the chat the message is in`);
	}
	return { messageId: id, emoji: checkEmoji(emoji) };
}

function checkMessageId(field: string, id: string): string {
	const trimmed = id.trim();
	if (!messageIdParts(trimmed)) throw new MessageIdInvalidError(field, id);
	return trimmed;
}

/** Mentions show in a text or a caption (where `@<number>` is written): people only, each once. */
function checkMentions(kind: MessageKind, mentions: string[], defaultCountryCode?: string): string[] {
	if (kind !== 'text' && kind !== 'media') {
		throw new MentionInvalidError(mentions[0] ?? '', `mentions go with a text or a media caption, not with a ${kind}`);
	}
	const ids = mentions.map((mention) => {
		let recipient;
		try {
			recipient = normalizeRecipient(mention, defaultCountryCode);
		} catch (error) {
			if (error instanceof RecipientInvalidError) throw new MentionInvalidError(mention, 'it is not a phone number or a person\'s WhatsApp id');
			throw error;
		}
		if (recipient.kind !== 'user') throw new MentionInvalidError(mention, 'a group cannot be mentioned, only people');
		return recipient.chatId;
	});
	return [...new Set(ids)];
}
