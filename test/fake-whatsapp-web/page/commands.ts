// What the fake server can ask this page to do (see FakePhone and FakeWhatsAppWeb).

function pageStatus(): Record<string, unknown> {
	return {
		phone: session.pairing?.phone ?? null,
		ref: session.pairing ? null : (Conn.get('ref') ?? null),
		// The number the page's newest pairing code is for (see altLinking.ts).
		linkCodePhone: session.pairing ? null : (currentLinkCode()?.phone ?? null),
		state: Socket.state,
		hasSynced: Socket.hasSynced,
		booted: session.booted,
		// The library has attached its message listeners: traffic can flow without being lost.
		listening: Msg.listenerCount('add') > 0 && Socket.hasSynced,
		url: location.href,
	};
}

commandHandlers.set('status', () => pageStatus());
commandHandlers.set('pair', (args: { phone: string; pushname: string }) => pairWithPhone(args));
commandHandlers.set('rotateQr', () => ({ ref: rotateQrRef() }));
commandHandlers.set('enterLinkCode', (args: { phone: string; code: string; pushname: string }) => enterLinkCode(args));
commandHandlers.set('receive', (args: WireMessage) => receiveMessage(args));
commandHandlers.set('ack', (args: { id: string; ack: number; message?: WireMessage }) => applyAck(args));
commandHandlers.set('migrateChat', (args: { phone: string; lid: string }) => migrateChat(args));
// Answer first: a state like TOS_BLOCK makes the library close the browser at once.
commandHandlers.set(
	'setState',
	(args: { state: string }) => new AfterReply(null, () => void setSocketState(args)),
);
commandHandlers.set('phoneLogout', () => phoneLogout());
commandHandlers.set(
	'hang',
	(args: { ms?: number }) =>
		// Answer first, then block this page's event loop: nothing on the page runs
		// again (no evaluate, no event) until the time is up, or ever.
		new AfterReply({ hanging: true }, () => {
			const end = args.ms === undefined ? Infinity : Date.now() + args.ms;
			while (Date.now() < end) {
				// busy: a hung renderer
			}
		}),
);
