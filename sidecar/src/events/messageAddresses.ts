import type { MessageAddresses } from '../contract';
import type { KnownAddresses } from '../contacts/AddressBook';
import { phoneOfId, userIdKind } from '../contacts/userIds';

/** Who is behind a user id: the AddressBook (bounded, never throws). */
export interface AddressResolver {
	resolve(session: string, userId: string): Promise<KnownAddresses>;
}

/** A user's phone number and LID; without a resolver, only what the id itself says (a `…@c.us` id's number). Never rejects. */
export async function addressesOf(resolver: AddressResolver | undefined, session: string, userId: string): Promise<KnownAddresses> {
	const fromId = { phone: phoneOfId(userId) ?? null, lid: userIdKind(userId) === 'lid' ? userId : null };
	if (!resolver) return fromId;
	// The book never throws; if it ever did, the event still goes out with what its ids say.
	return resolver.resolve(session, userId).catch(() => fromId);
}

/** The sender's and the chat's phone number and LID (a group chat has neither). Never rejects. */
export async function messageAddresses(
	resolver: AddressResolver | undefined,
	session: string,
	about: { sender: string; chatId: string; isGroup: boolean },
): Promise<MessageAddresses> {
	const [sender, chat] = await Promise.all([
		addressesOf(resolver, session, about.sender),
		about.isGroup ? undefined : addressesOf(resolver, session, about.chatId),
	]);
	return {
		senderPhone: sender.phone,
		...(sender.lid ? { senderLid: sender.lid } : {}),
		chatPhone: chat?.phone ?? null,
		...(chat?.lid ? { chatLid: chat.lid } : {}),
	};
}
