import type { Client } from 'whatsapp-web.js';
import {
	editActivity,
	incomingCall,
	reactionActivity,
	revokeActivity,
	voteActivity,
	type LibraryCall,
	type LibraryMessage,
	type LibraryPollVote,
	type LibraryReaction,
} from './chatActivity';
import type { EngineEvent } from './Engine';

/** The page may announce one call more than once (its call map is set again as the call changes). */
const REMEMBERED_CALLS = 200;

/**
 * Listens to the library's reaction, edit, deletion, poll-vote and call events and emits them as
 * engine events (WwebjsEngine counts and removes these listeners with its others).
 */
export function attachChatActivity(client: Client, emit: (event: EngineEvent) => void): void {
	const on = client.on.bind(client) as (event: string, listener: (...args: never[]) => void) => Client;
	on('message_reaction', (reaction: LibraryReaction) => emit({ type: 'activity', activity: reactionActivity(reaction) }));
	on('message_edit', (message: LibraryMessage, newBody: unknown, prevBody: unknown) =>
		emit({ type: 'activity', activity: editActivity(message, newBody, prevBody) }),
	);
	on('message_revoke_everyone', (message: LibraryMessage, before?: LibraryMessage) =>
		emit({ type: 'activity', activity: revokeActivity(message, 'everyone', before) }),
	);
	on('message_revoke_me', (message: LibraryMessage) => emit({ type: 'activity', activity: revokeActivity(message, 'me') }));
	on('vote_update', (vote: LibraryPollVote) => emit({ type: 'activity', activity: voteActivity(vote, ownIds(client)) }));
	const seen: string[] = [];
	on('call', (libraryCall: LibraryCall) => {
		const call = incomingCall(libraryCall);
		if (!call || seen.includes(call.id)) return;
		seen.push(call.id);
		if (seen.length > REMEMBERED_CALLS) seen.shift();
		emit({ type: 'call', call });
	});
}

/** This account's ids: its phone id, and its LID when the page knows it. */
function ownIds(client: Client): string[] {
	const info = client.info as unknown as { wid?: { _serialized?: string }; lid?: { _serialized?: string } } | undefined;
	return [info?.wid?._serialized, info?.lid?._serialized].filter((id): id is string => !!id);
}
