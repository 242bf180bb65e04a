import { randomBytes } from 'crypto';
import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { subscriptionKey, type EventType, type SubscriptionFilters } from '../../sidecar/src/contract';
import { sidecarApiError } from '../WhatsAppSidecar/errors';
import { sidecarRequest } from '../WhatsAppSidecar/transport';

/** What a trigger subscribes to: compared on every activation, so a changed parameter re-registers. */
export interface SubscriptionConfig {
	events: EventType[];
	/** Empty: every session. */
	sessions: string[];
	filters: SubscriptionFilters;
}

/** What a trigger keeps in `getWorkflowStaticData('node')` between create(), webhook() and delete(). */
export interface SubscriptionState {
	webhookId?: string;
	secret?: string;
	config?: SubscriptionConfig;
}

/** The webhook every trigger receives the sidecar's deliveries on. */
export const SIDECAR_WEBHOOKS: INodeTypeDescription['webhooks'] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		// Without it n8n 2.x answers the sidecar with the literal text "firstEntryJson".
		responseData: 'noData',
		path: 'webhook',
	},
];

/**
 * The webhook lifecycle every trigger shares (register on activation, compare on
 * every start, remove on deactivation); the triggers differ only in what they
 * subscribe to, which `config` reads from their parameters.
 */
export function subscriptionWebhookMethods(config: (this: IHookFunctions) => SubscriptionConfig) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this, config.call(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this, config.call(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};
}

/**
 * Whether the sidecar still has this trigger's subscription, for this webhook URL
 * and this configuration. The configuration must match both the one stored at
 * create() and the one the sidecar reports; a 404 means it is gone.
 */
export async function subscriptionExists(this: IHookFunctions, wanted: SubscriptionConfig): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (!state.webhookId || !state.secret || !state.config) return false;
	if (subscriptionKey(state.config) !== subscriptionKey(wanted)) return false;
	let remote: IDataObject;
	try {
		remote = await sidecarRequest.call(this, 'GET', `/webhooks/${encodeURIComponent(state.webhookId)}`);
	} catch (error) {
		if (isNotFound(error)) return false;
		throw sidecarApiError(this.getNode(), error);
	}
	return remote.url === this.getNodeWebhookUrl('default') && subscriptionKey(remoteConfig(remote)) === subscriptionKey(wanted);
}

/**
 * Registers this trigger's webhook URL with a fresh secret, replacing the
 * subscription an earlier configuration left (n8n calls create() without
 * delete() when checkExists() says no).
 */
export async function createSubscription(this: IHookFunctions, config: SubscriptionConfig): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (state.webhookId) await removeSubscription.call(this, state.webhookId);
	const secret = randomBytes(32).toString('hex');
	const body: IDataObject = {
		url: this.getNodeWebhookUrl('default'),
		events: config.events,
		...(config.sessions.length ? { sessions: config.sessions } : {}),
		...(Object.keys(config.filters).length ? { filters: config.filters as IDataObject } : {}),
		secret,
	};
	let created: IDataObject;
	try {
		created = await sidecarRequest.call(this, 'POST', '/webhooks', body);
	} catch (error) {
		throw sidecarApiError(this.getNode(), error);
	}
	if (typeof created.id !== 'string') {
		throw new NodeOperationError(this.getNode(), 'The sidecar did not return a webhook subscription id', {
			description: 'Check that the Sidecar URL in the credential points at the WhatsApp sidecar.',
		});
	}
	state.webhookId = created.id;
	state.secret = secret;
	state.config = config;
	return true;
}

/** Removes the subscription (already gone is fine) and forgets it; any other failure is reported. */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const state = this.getWorkflowStaticData('node') as SubscriptionState;
	if (state.webhookId) await removeSubscription.call(this, state.webhookId);
	delete state.webhookId;
	delete state.secret;
	delete state.config;
	return true;
}

async function removeSubscription(this: IHookFunctions, webhookId: string): Promise<void> {
	try {
		await sidecarRequest.call(this, 'DELETE', `/webhooks/${encodeURIComponent(webhookId)}`);
	} catch (error) {
		if (isNotFound(error)) {
			this.logger.debug(`WhatsApp sidecar webhook ${webhookId} was already gone`);
			return;
		}
		throw sidecarApiError(this.getNode(), error);
	}
}

interface HttpFailure {
	httpCode?: string | null;
	statusCode?: number;
	response?: { status?: number };
	cause?: { response?: { status?: number } };
}

/** A 404 from the sidecar (`WEBHOOK_NOT_FOUND`), however n8n's HTTP helper wrapped it. */
export function isNotFound(error: unknown): boolean {
	const failure = (error ?? {}) as HttpFailure;
	const status = failure.httpCode ?? failure.response?.status ?? failure.cause?.response?.status ?? failure.statusCode;
	return String(status) === '404';
}

/** The configuration as the sidecar shows it: `sessions: null` for all, filters as given. */
function remoteConfig(remote: IDataObject): SubscriptionConfig {
	return {
		events: Array.isArray(remote.events) ? (remote.events.map(String) as EventType[]) : [],
		sessions: Array.isArray(remote.sessions) ? remote.sessions.map(String) : [],
		filters: (remote.filters ?? {}) as SubscriptionFilters,
	};
}
