/**
 * WhatsApp user ids, as the library gives them: a phone id `<digits>@c.us` or a
 * linked id `<digits>@lid`. Everything else (groups `@g.us`, `status@broadcast`,
 * channels) is no person and has no phone number.
 */
export type UserIdKind = 'phone' | 'lid';

export function userIdKind(id: string): UserIdKind | undefined {
	if (/^\d+@c\.us$/.test(id)) return 'phone';
	if (/^\d+@lid$/.test(id)) return 'lid';
	return undefined;
}

/** The digits of a phone id (`628123456789@c.us` → `628123456789`), else undefined. */
export function phoneOfId(id: string): string | undefined {
	return userIdKind(id) === 'phone' ? id.slice(0, id.indexOf('@')) : undefined;
}

/**
 * The parts of a serialized message id, `<fromMe>_<chat>_<stanza id>[_<participant>]`.
 * The stanza id names the message on the network whichever address its chat is filed under.
 */
export function messageIdParts(id: string): { fromMe: boolean; chat: string; stanzaId: string } | undefined {
	const match = /^(true|false)_([^_]+)_([^_]+)(?:_.+)?$/.exec(id);
	return match ? { fromMe: match[1] === 'true', chat: match[2], stanzaId: match[3] } : undefined;
}
