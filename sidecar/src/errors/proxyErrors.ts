import { SidecarError } from './SidecarError';

/** A session's proxy setting. */

export class ProxyInvalidError extends SidecarError {
	/** `problem` finishes "The proxy setting cannot be used: …". Never the setting itself: it may carry a password. */
	constructor(problem: string) {
		super(
			'PROXY_INVALID',
			`The proxy setting cannot be used: ${problem}. Write it like http://proxy.example.com:8080 or http://user:password@proxy.example.com:8080 ` +
				'(http, https or socks5; socks5 without a user and password), or as {"server": "http://proxy.example.com:8080", "username": "…", "password": "…"}.',
		);
	}
}
