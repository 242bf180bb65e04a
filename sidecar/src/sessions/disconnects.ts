/**
 * What a disconnect means for the session, from the reason whatsapp-web.js gives
 * (a WhatsApp Web connection state, or LOGOUT after a logout on the phone).
 */
export type DisconnectClass =
	/** The phone (or the API) unlinked this device: the login is gone; restarting would only show a QR. */
	| 'logged-out'
	/** WhatsApp is open in another browser: retrying at once would fight it. */
	| 'conflict'
	/** WhatsApp refuses this account or client: retrying cannot help. */
	| 'fatal'
	/** Anything else: worth a restart with backoff. */
	| 'transient';

const LOGGED_OUT = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);
const FATAL = new Set(['TOS_BLOCK', 'SMB_TOS_BLOCK', 'DEPRECATED_VERSION', 'PROXYBLOCK']);

export function classifyDisconnect(reason: string): DisconnectClass {
	if (LOGGED_OUT.has(reason)) return 'logged-out';
	if (reason === 'CONFLICT') return 'conflict';
	if (FATAL.has(reason)) return 'fatal';
	return 'transient';
}
