import { LocalAuth } from 'whatsapp-web.js';

/**
 * LocalAuth, except that it will not prepare a new login once the supervisor has
 * taken over. After a logout from the phone, whatsapp-web.js removes the profile,
 * recreates the folder and re-injects into the page on its own; the supervisor
 * handles a logout itself (closes the browser, wipes the login), so that re-init
 * would only recreate the folder it just wiped and then reject, unhandled, on the
 * closed page. Its first step is parked instead: a promise that never settles.
 */
export function supervisedLocalAuth(
	options: ConstructorParameters<typeof LocalAuth>[0],
	supervised: () => boolean,
): LocalAuth {
	const auth = new LocalAuth(options);
	const prepare = auth.beforeBrowserInitialized.bind(auth);
	auth.beforeBrowserInitialized = () => (supervised() ? new Promise<void>(() => undefined) : prepare());
	return auth;
}
