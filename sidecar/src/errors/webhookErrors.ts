import { SidecarError } from './SidecarError';

/** Webhook subscriptions: which exist, and what a subscription's URL may be. */

export class WebhookNotFoundError extends SidecarError {
	constructor(id: string) {
		super('WEBHOOK_NOT_FOUND', `There is no webhook subscription "${id}" (it may have been removed after its URL answered 410 Gone).`);
	}
}

export class WebhookUrlInvalidError extends SidecarError {
	/** `problem` finishes "The webhook URL cannot be used: ...". Never the URL itself: it may be huge or carry a password. */
	constructor(problem: string) {
		super('WEBHOOK_URL_INVALID', `The webhook URL cannot be used: ${problem}.`);
	}
}

export class WebhookUrlBlockedError extends SidecarError {
	/** `address` is what the host resolved to, when it is not an address itself. */
	constructor(host: string, address?: string) {
		const where = address && address !== host ? `${host}, which is ${address}` : host;
		super(
			'WEBHOOK_URL_BLOCKED',
			`The webhook URL points to ${where}, a link-local or cloud metadata address. The sidecar does not send events there, ` +
				'so a webhook cannot be used to read the cloud server\'s secrets. Use the address n8n is reached at: ' +
				'localhost and private network addresses (10.x, 192.168.x, a Docker service name) are fine.',
			{ host, address },
		);
	}
}
