// WAWebSendMsgChatAction.addAndSendMsgToChat: the one call every send goes through.
// The fake server decides each send's fate (tests inject failures there), so a
// decision survives page reloads and needs no round trip to set.

interface SendDecision {
	outcome: 'accept' | 'reject' | 'hang';
	/** Ack the network gives an accepted message: 1 (server) or -1 (unknown number, a refused first contact). */
	ack?: number;
	/** How long the network takes to answer (a refused first contact shows as sent for a moment). */
	ackAfterMs?: number;
	error?: string;
}

function outboxEntryFor(chat: ChatModel, attrs: Record<string, unknown>): Record<string, unknown> {
	const key = attrs.id as MsgKey;
	const directPath = attrs.directPath as string | undefined;
	return {
		id: key._serialized,
		to: chat.id._serialized,
		type: attrs.type,
		body: attrs.type === 'chat' ? attrs.body : undefined,
		caption: attrs.caption,
		media: directPath
			? { directPath, mimetype: attrs.mimetype, filename: attrs.filename, size: attrs.size }
			: undefined,
		quotedId: attrs.quotedStanzaID,
		t: attrs.t,
		...contentFieldsOf(attrs), // locations, cards, polls, mentions (content.ts)
		...forwardFieldsOf(attrs), // forwards (changes.ts)
	};
}

function addAndSendMsgToChat(chat: ChatModel, attrs: Record<string, unknown>): [Promise<MsgModel>, Promise<unknown>] {
	let settleSend!: (result: unknown) => void;
	let failSend!: (error: unknown) => void;
	const sendResult = new Promise((resolve, reject) => {
		settleSend = resolve;
		failSend = reject;
	});
	sendResult.catch(() => undefined); // the library awaits it only with waitUntilMsgSent

	const added = (async () => {
		const decision = await rpc<SendDecision>('send', { entry: outboxEntryFor(chat, attrs) });
		if (decision.outcome === 'reject') throw new Error(decision.error ?? 'the fake rejected this send');
		if (decision.outcome === 'hang') return new Promise<never>(() => undefined);

		const msg = new MsgModel({ ...attrs, ack: 0, isUnsentMedia: Boolean(attrs.directPath) });
		Msg.add(msg);
		chat.msgs.add(msg);
		chat.set('t', attrs.t);
		// The network answers after the message is on screen, as in WhatsApp Web, so
		// the first ack may reach the library before or after sendMessage() returns.
		setTimeout(() => {
			msg.set('ack', decision.ack ?? 1);
			if (msg.get('isUnsentMedia')) msg.set('isUnsentMedia', false);
			settleSend({ messageSendResult: (decision.ack ?? 1) >= 1 ? 'OK' : 'ERROR' });
		}, decision.ackAfterMs ?? 0);
		return msg;
	})();
	added.catch(failSend);
	return [added, sendResult];
}
