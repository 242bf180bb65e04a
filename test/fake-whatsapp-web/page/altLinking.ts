// Linking with a phone number instead of a QR ("alt device linking"): WAWebAltDeviceLinkingApi,
// as whatsapp-web.js 1.34.7 drives it from Client.requestPairingCode (and from its
// `pairWithPhoneNumber` option): setPairingType('ALT_DEVICE_LINKING'), then
// initializeAltDeviceLinking(), then startAltLinkingFlow(phone, showNotification) → an
// 8-character code, asked again every few minutes while the page is unpaired.
//
// What WhatsApp does around it, emulated here: the phone with that number is told (a
// notification) and the user types the code there; only the newest code of this page links,
// and only within its lifetime; a wrong or expired code leaves the page unpaired. Asking for
// a code on a page that is already linked unlinks it (peers lost live devices that way).

/** WhatsApp's pairing-code alphabet: no 0, O, I or U, which read alike. */
const LINK_CODE_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';

interface IssuedLinkCode {
	code: string;
	phone: string;
	issuedAt: number;
	/** A newer code took its place. */
	replaced: boolean;
}

const altLinking = {
	pairingType: 'QR' as string,
	initialized: false,
	/** Every code this page showed, newest last. */
	issued: [] as IssuedLinkCode[],
};

function currentLinkCode(): IssuedLinkCode | undefined {
	const last = altLinking.issued[altLinking.issued.length - 1];
	return last && !last.replaced ? last : undefined;
}

function newLinkCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return [...bytes].map((b) => LINK_CODE_ALPHABET[b % LINK_CODE_ALPHABET.length]).join('');
}

const AltDeviceLinkingApi = {
	setPairingType(type: string): void {
		altLinking.pairingType = type;
	},

	async initializeAltDeviceLinking(): Promise<void> {
		if (altLinking.pairingType !== 'ALT_DEVICE_LINKING') throw new Error('alt device linking needs pairing type ALT_DEVICE_LINKING');
		altLinking.initialized = true;
	},

	async startAltLinkingFlow(phone: string, showNotification: boolean): Promise<string> {
		if (!altLinking.initialized) throw new Error('alt device linking was not initialized');
		const digits = String(phone ?? '');
		if (!/^\d{7,15}$/.test(digits)) throw new Error(`bad-request: "${digits}" is not a phone number in international form`);
		if (session.pairing) {
			// The server takes the request as a new link for the account: this device is unlinked.
			await forgetPairing('state');
			Socket.set('state', 'UNPAIRED');
		}
		for (const earlier of altLinking.issued) earlier.replaced = true;
		const issued: IssuedLinkCode = { code: newLinkCode(), phone: digits, issuedAt: Date.now(), replaced: false };
		altLinking.issued.push(issued);
		await rpc('linkCodeRequested', { phone: digits, showNotification: showNotification !== false });
		reportStatus();
		return issued.code;
	},

	async initializeQRLinking(): Promise<void> {
		altLinking.pairingType = 'QR';
		altLinking.initialized = false;
		for (const earlier of altLinking.issued) earlier.replaced = true;
		reportStatus();
	},
};

/** The phone typed `code`: links this page to it when the code is this page's newest and still valid. */
async function enterLinkCode(args: { phone: string; code: string; pushname: string }): Promise<{ phone: string; device: unknown }> {
	const typed = String(args.code ?? '').replace(/[\s-]/g, '').toUpperCase();
	const issued = altLinking.issued.find((c) => c.code === typed && c.phone === args.phone);
	if (!issued) throw new Error('WRONG_CODE: the code is not the one this device shows');
	if (issued.replaced || Date.now() - issued.issuedAt > FAKE_CONFIG.linkCodeLifetimeMs) {
		throw new Error('EXPIRED_CODE: the code expired; a new one is shown on the device');
	}
	altLinking.pairingType = 'QR';
	altLinking.initialized = false;
	altLinking.issued = [];
	return pairWithPhone({ phone: args.phone, pushname: args.pushname });
}
