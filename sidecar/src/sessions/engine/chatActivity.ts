import type { ChatActivity, IncomingCall } from './Engine';

/**
 * whatsapp-web.js's reaction, edit, deletion, poll-vote and call events → our ChatActivity and
 * IncomingCall: the one place that knows those shapes. The library hands over what the page
 * serialized, so ids come as `{_serialized}` objects or as strings; its typings are not exact
 * (a selected poll option has `localId`, not `id`), hence the loose input types here.
 */

/** A Wid or a message key as the page serialized it, or already a string. */
type IdLike = string | { _serialized?: string; remote?: unknown; fromMe?: boolean } | null | undefined;

function idOf(value: IdLike): string {
	if (typeof value === 'string') return value;
	return typeof value?._serialized === 'string' ? value._serialized : '';
}

/** A message key's chat: its `remote` (an object or a string, depending on who serialized it). */
function chatOfKey(key: IdLike, serialized: string): string {
	if (key && typeof key === 'object' && key.remote) return idOf(key.remote as IdLike);
	// `<fromMe>_<chat>_<id>[_<participant>]`
	return serialized.split('_')[1] ?? '';
}

/** What we read of the library's Reaction (Client#message_reaction). */
export interface LibraryReaction {
	id: IdLike;
	msgId: IdLike;
	senderId?: string;
	reaction?: string;
	timestamp?: number;
}

export function reactionActivity(reaction: LibraryReaction): ChatActivity {
	const messageId = idOf(reaction.msgId);
	const key = typeof reaction.id === 'object' ? reaction.id : undefined;
	return {
		kind: 'reaction',
		messageId,
		chatId: chatOfKey(reaction.msgId, messageId),
		sender: reaction.senderId ?? '',
		fromMe: key?.fromMe === true,
		timestamp: Math.floor(Number(reaction.timestamp) || Date.now() / 1000),
		// WhatsApp sends an empty reaction when someone takes theirs back.
		emoji: reaction.reaction ?? '',
		reactionId: idOf(reaction.id),
	};
}

/** What we read of the library's Message in edit and revoke events. */
export interface LibraryMessage {
	id: { _serialized: string; remote?: unknown; fromMe?: boolean };
	from?: string;
	to?: string;
	author?: string;
	fromMe: boolean;
	body?: string;
	timestamp?: number;
}

function messageBase(message: LibraryMessage) {
	const messageId = message.id._serialized;
	const chatId = chatOfKey(message.id, messageId) || (message.fromMe ? message.to : message.from) || '';
	return {
		messageId,
		chatId,
		// In a group `author` is the member; in a one-to-one chat `from` is who wrote it.
		sender: (message.fromMe ? message.from : (message.author ?? message.from)) ?? '',
		fromMe: message.fromMe,
		timestamp: Math.floor(Number(message.timestamp) || Date.now() / 1000),
	};
}

/** Client#message_edit (message, newBody, prevBody). */
export function editActivity(message: LibraryMessage, newBody: unknown, prevBody: unknown): ChatActivity {
	return {
		kind: 'edit',
		...messageBase(message),
		text: typeof newBody === 'string' ? newBody : (message.body ?? ''),
		previousText: typeof prevBody === 'string' ? prevBody : null,
	};
}

/**
 * Client#message_revoke_everyone (message, revokedMsg) and #message_revoke_me (message). The
 * revoked message keeps its id; its text is only in `revokedMsg`, which the library has only
 * when the page changed that message just before (it may be undefined).
 */
export function revokeActivity(message: LibraryMessage, scope: 'everyone' | 'me', before?: LibraryMessage | null): ChatActivity {
	const previous = scope === 'me' ? message.body : before?.body;
	return { kind: 'revoke', ...messageBase(message), for: scope, previousText: previous || null };
}

/** What we read of the library's PollVote (Client#vote_update). */
export interface LibraryPollVote {
	voter: IdLike;
	selectedOptions?: Array<{ name?: string; localId?: number }>;
	interractedAtTs?: number;
	parentMsgKey?: IdLike;
	parentMessage?: { id?: IdLike; body?: string; pollName?: string; fromMe?: boolean } | null;
}

/** `me`: this account's ids (phone and LID), to tell its own votes apart. */
export function voteActivity(vote: LibraryPollVote, me: string[]): ChatActivity {
	const messageId = idOf(vote.parentMsgKey) || idOf(vote.parentMessage?.id);
	const sender = idOf(vote.voter);
	const at = Number(vote.interractedAtTs);
	return {
		kind: 'vote',
		messageId,
		chatId: chatOfKey(vote.parentMsgKey, messageId),
		sender,
		fromMe: me.includes(sender),
		timestamp: Math.floor(at ? at / 1000 : Date.now() / 1000),
		pollName: vote.parentMessage?.pollName || vote.parentMessage?.body || null,
		// An option the page could not name (its poll was not loaded) is left out rather than shown as blank.
		selectedOptions: (vote.selectedOptions ?? []).map((option) => option.name).filter((name): name is string => !!name),
	};
}

/** What we read of the library's Call (Client#call). */
export interface LibraryCall {
	id: unknown;
	from?: IdLike;
	fromMe?: boolean;
	isVideo?: boolean;
	isGroup?: boolean;
	timestamp?: number;
	reject(): Promise<unknown>;
}

/** An incoming call; undefined for this account's own outgoing calls (the library reports those too). */
export function incomingCall(call: LibraryCall): IncomingCall | undefined {
	if (call.fromMe) return undefined;
	return {
		id: String(call.id),
		from: idOf(call.from),
		isVideo: call.isVideo === true,
		isGroup: call.isGroup === true,
		timestamp: Math.floor(Number(call.timestamp) || Date.now() / 1000),
		reject: async () => {
			await call.reject();
		},
	};
}
