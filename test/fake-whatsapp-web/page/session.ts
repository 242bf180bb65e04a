// The connection and login state machine: WAWebSocketModel.Socket, WAWebConnModel.Conn
// and WAWebCmd.Cmd, as whatsapp-web.js 1.34.7 reads them.
//
// Boot: Socket.state starts OPENING; once the page has "loaded" (Debug.VERSION set)
// it becomes CONNECTED when a pairing is stored, else UNPAIRED with a QR ref.
// `ready` race: the library fires authenticated/ready from `change:hasSynced`, and
// only subscribes at the very end of its inject(); syncing earlier would be missed,
// so the page syncs once it is paired, CONNECTED and someone listens.

class SocketModel extends Model {
	declare state: string;
	declare hasSynced: boolean;

	async logout(): Promise<void> {
		// Logout requested through the library (client.logout()): the device is unlinked.
		await forgetPairing('api');
		setTimeout(() => Socket.set('state', 'UNPAIRED'), 0);
	}

	takeover(): void {
		if (session.pairing) Socket.set('state', 'CONNECTED');
	}

	reconnect(): void {
		if (session.pairing) Socket.set('state', 'CONNECTED');
	}
}

const Socket = new SocketModel({ state: 'OPENING', hasSynced: false, stream: 'DISCONNECTED' });
const Conn = new Model({ ref: undefined, platform: 'android', pushname: undefined, phone: undefined });
const Cmd = new (class extends Emitter {
	refreshQR(): void {
		rotateQrRef();
	}
})();

/** The loading screen's progress after a login (WAWebOfflineHandler reports it). */
const offlineProgress = { percent: 100 };

const session = {
	pairing: undefined as Pairing | undefined,
	booted: false,
	/** Keys that make up the QR string; fresh per page load, like a fresh companion. */
	noisePubKey: crypto.getRandomValues(new Uint8Array(32)),
	identityPubKey: crypto.getRandomValues(new Uint8Array(32)),
	advSecret: randomBase64(32),
};

function meWid(): Wid | undefined {
	return session.pairing ? createWid(`${session.pairing.phone}@c.us`) : undefined;
}

function meLidWid(): Wid | undefined {
	// A stable hidden id per phone, so messages addressed by lid still find "me".
	return session.pairing ? createWid(`9${session.pairing.phone}@lid`) : undefined;
}

function rotateQrRef(): string | undefined {
	if (session.pairing) return undefined;
	Conn.set('ref', `2@${randomBase64(24)}`);
	reportStatus();
	return Conn.get('ref') as string;
}

function applyPairing(pairing: Pairing): void {
	session.pairing = pairing;
	Conn.set({ pushname: pairing.pushname, platform: pairing.platform, phone: { wa_version: FAKE_CONFIG.version } });
}

async function pairWithPhone(args: { phone: string; pushname: string }): Promise<{ phone: string; device: unknown }> {
	if (session.pairing) throw new Error(`this page is already paired with ${session.pairing.phone}`);
	// What the phone will list under Linked devices: the companion's browser info, as the library may have set it.
	const device = (requireModule('WAWebMiscBrowserUtils') as { info(): unknown }).info();
	const pairing: Pairing = { phone: args.phone, pushname: args.pushname, platform: 'android', pairedAt: Date.now() };
	await savePairing(pairing);
	applyPairing(pairing);
	Socket.set('state', 'PAIRING');
	Socket.set('state', 'CONNECTED');
	maybeSync();
	reportStatus();
	return { phone: pairing.phone, device };
}

/** The phone is no longer linked: storage wiped, server told. */
async function forgetPairing(reason: 'api' | 'phone' | 'state'): Promise<void> {
	const phone = session.pairing?.phone;
	session.pairing = undefined;
	await clearPairing();
	if (phone) await rpc('unpaired', { phone, reason });
	reportStatus();
}

function maybeSync(): void {
	const ready =
		session.pairing &&
		Socket.state === 'CONNECTED' &&
		!Socket.hasSynced &&
		Socket.listenerCount('change:hasSynced') > 0;
	if (!ready) return;
	if (FAKE_CONFIG.drift?.neverSyncs) return void setTimeout(() => stallSync(), FAKE_CONFIG.syncDelayMs);
	setTimeout(() => {
		if (session.pairing && Socket.state === 'CONNECTED') Socket.set('hasSynced', true);
		reportStatus();
	}, FAKE_CONFIG.syncDelayMs);
}

Socket.onListen((event) => {
	if (event === 'change:hasSynced') maybeSync();
});
Socket.on('change:state', () => reportStatus());

async function bootSession(): Promise<void> {
	await new Promise((r) => setTimeout(r, FAKE_CONFIG.bootDelayMs));
	window.Debug = { VERSION: FAKE_CONFIG.version };
	const stored = await loadPairing();
	session.booted = true;
	if (stored) {
		applyPairing(stored);
		restoreChats(await rpc<{ received: WireMessage[]; sentTo: string[] }>('history', { phone: stored.phone }));
		await restoreGroups(stored.phone); // groups.ts
		Socket.set('state', 'CONNECTED');
	} else {
		rotateQrRef();
		Socket.set('state', 'UNPAIRED');
	}
	reportStatus();
}

/** A logout done on the phone: WhatsApp Web gets Cmd 'logout' and reloads to /?post_logout=1. */
async function phoneLogout(): Promise<void> {
	if (!session.pairing) throw new Error('this page is not paired');
	await forgetPairing('phone');
	Cmd.trigger('logout');
	setTimeout(() => location.replace('/?post_logout=1'), FAKE_CONFIG.logoutReloadDelayMs);
}

/** Any socket state the tests ask for; UNPAIRED states mean the device was unlinked. */
async function setSocketState(args: { state: string }): Promise<void> {
	if (args.state === 'UNPAIRED' || args.state === 'UNPAIRED_IDLE') await forgetPairing('state');
	Socket.set('state', args.state);
}
