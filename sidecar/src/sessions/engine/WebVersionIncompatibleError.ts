/**
 * The session reason for a WhatsApp Web the pinned whatsapp-web.js cannot work with: a module or a
 * function it needs is gone (injection fails), or the page loads and the library never gets `ready`.
 * The detail names what is missing, or what the page was doing when it stopped making progress.
 */
export const WEB_VERSION_INCOMPATIBLE = 'WEB_VERSION_INCOMPATIBLE';

/** A start that failed because WhatsApp Web changed under the library. */
export class WebVersionIncompatibleError extends Error {
	readonly reason = WEB_VERSION_INCOMPATIBLE;

	constructor(readonly detail: string) {
		super(detail);
		this.name = 'WebVersionIncompatibleError';
	}
}
