// Message content beyond text and media (issue 14): what WhatsApp Web's send path does for
// locations, polls, contact cards (vCards), quoted replies and mentions (the library builds the
// message attributes; the fake reports them to the phone), and the reaction module the library
// calls for Message.react / client.sendReaction.

/** The fields of a sent message the phone's outbox keeps beyond text and media (FakePhone SendRequest). */
function contentFieldsOf(attrs: Record<string, unknown>): Record<string, unknown> {
	const mentions = ((attrs.mentionedJidList as Wid[] | undefined) ?? []).map((wid) => wid._serialized);
	const fields: Record<string, unknown> = { mentions: mentions.length ? mentions : undefined };
	if (attrs.type === 'location') {
		fields.location = { latitude: attrs.lat, longitude: attrs.lng, description: attrs.loc || undefined };
	}
	if (attrs.type === 'vcard') fields.vcards = [attrs.body];
	if (attrs.type === 'multi_vcard') {
		fields.vcards = ((attrs.vcardList as Array<{ vcard: string }> | undefined) ?? []).map((card) => card.vcard);
	}
	if (attrs.type === 'poll_creation') {
		fields.poll = {
			question: attrs.pollName,
			options: ((attrs.pollOptions as Array<{ name: string }> | undefined) ?? []).map((option) => option.name),
			selectableCount: attrs.pollSelectableOptionsCount,
		};
	}
	return fields;
}

/** WAWebVcardParsingUtils.parseVcard: a vCard's properties by name; text that is no vCard throws, as WhatsApp Web's does. */
function parseVcard(text: string): Record<string, string[]> {
	const lines = text.split(/\r?\n/).filter(Boolean);
	if (lines[0] !== 'BEGIN:VCARD' || lines[lines.length - 1] !== 'END:VCARD') throw new Error('not a vcard');
	const properties: Record<string, string[]> = {};
	for (const line of lines.slice(1, -1)) {
		const colon = line.indexOf(':');
		if (colon < 0) throw new Error(`malformed vcard line: ${line}`);
		const name = line.slice(0, colon).split(';')[0].toUpperCase();
		(properties[name] ??= []).push(line.slice(colon + 1));
	}
	return properties;
}

/** WAWebVcardGetNameFromParsed: the card's formatted name (FN), else its structured name (N). */
function vcardGetNameFromParsed(parsed: Record<string, string[]>): string {
	const unescape = (value: string) => value.replace(/\\([\\,;])/g, '$1');
	const fn = parsed.FN?.[0];
	if (fn) return unescape(fn);
	return unescape((parsed.N?.[0] ?? '').split(';').filter(Boolean).join(' '));
}

/**
 * WAWebSendReactionMsgAction.sendReactionToMsg: an emoji on a message (empty removes it). The
 * network takes it or refuses it like a message; a reaction has no acks of its own.
 */
async function sendReactionToMsg(msg: MsgModel, reaction: string): Promise<{ messageSendResult: string }> {
	const decision = await rpc<SendDecision>('react', {
		reaction: { targetId: msg.id._serialized, chat: msg.id.remote._serialized, emoji: reaction, t: Math.floor(Date.now() / 1000) },
	});
	if (decision.outcome === 'reject') throw new Error(decision.error ?? 'the fake rejected this reaction');
	if (decision.outcome === 'hang') return new Promise<never>(() => undefined);
	return { messageSendResult: 'OK' };
}

/**
 * WAWebQuotedMsgModelUtils.getQuotedMsgObj: the quoted message as a model of its own, under its own
 * key (stanza id, chat, and whether this account wrote it), as WhatsApp Web builds it from a reply.
 */
function quotedMsgObj(msg: MsgModel): MsgModel {
	const remote = (msg.get('quotedRemoteJid') as Wid | undefined) ?? msg.id.remote;
	const participant = msg.get('quotedParticipant') as Wid | undefined;
	const mine = [meWid()?._serialized, meLidWid()?._serialized].includes(participant?._serialized);
	const me = remote.isLid() ? meLidWid() : meWid();
	const id = new MsgKey({
		from: mine ? me! : remote,
		to: mine ? remote : me!,
		id: String(msg.get('quotedStanzaID') ?? msg.id.id),
		participant: remote.isGroup() && !mine ? participant : undefined,
		selfDir: mine ? 'out' : 'in',
	});
	return new MsgModel({ ...(msg.get('quotedMsg') as object), id, from: participant });
}

const CONTENT_MODULES: Record<string, unknown> = {
	WAWebVcardParsingUtils: { parseVcard },
	WAWebVcardGetNameFromParsed: { vcardGetNameFromParsed },
	WAWebSendReactionMsgAction: { sendReactionToMsg },
};
