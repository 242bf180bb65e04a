import type { Server } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { resolveBrowser } from './browser/resolveBrowser';
import type { SidecarConfig } from './config';
import { createApp, type ServerInfo } from './http/app';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { sweepOrphanBrowsers } from './sessions/chrome/processes';
import type { EngineFactory } from './sessions/engine/Engine';
import { WwebjsEngine } from './sessions/engine/WwebjsEngine';
import { SessionManager } from './sessions/SessionManager';
import { whatsAppInfo } from './sessions/webVersionReport';
import { openDatabase } from './storage/database';
import { WebhookService } from './delivery/WebhookService';
import type { Resolver } from './net/checkedLookup';
import { connectParts } from './connections';
import { DomainEvents } from './events/domainEvents';
import { EventBus } from './events/EventBus';
import { ChatActivities } from './events/ChatActivities';
import { IncomingCalls } from './events/IncomingCalls';
import { IncomingMessages } from './events/IncomingMessages';
import { mediaPolicy } from './sending/media/MediaPolicy';
import { MessageService } from './sending/MessageService';
import { DeliveryStore } from './storage/DeliveryStore';
import { JobStore } from './storage/JobStore';
import { ReceivedMediaStore } from './storage/ReceivedMediaStore';
import { QueueStateStore } from './storage/QueueStateStore';
import { SessionStore } from './storage/sessionStore';
import { withTimeout } from './util/withTimeout';
import { AddressBook } from './contacts/AddressBook';
import { LidStore } from './storage/LidStore';
import { SIDECAR_VERSION } from './version';
import { OptOutStore } from './storage/OptOutStore';
import { OptOutList } from './optouts/OptOutList';
import { OptOutKeywords } from './optouts/OptOutKeywords';
import { CampaignService } from './campaigns/CampaignService';
import { CampaignStore } from './storage/CampaignStore';
import { KeywordMatcher } from './optouts/keywords';

export interface RunningSidecar {
	url: string;
	sessions: SessionManager;
	messages: MessageService;
	campaigns: CampaignService;
	webhooks: WebhookService;
	/** The webhook events (wire format), as subscribers get them. */
	bus: EventBus;
	/** The domain events the parts talk through. */
	events: DomainEvents;
	/** Stops accepting requests, closes every browser within the shutdown time, and closes the database. */
	stop(): Promise<void>;
}

export interface SidecarOverrides {
	/** Tests replace the real engine with a scripted one. */
	engineFactory?: EngineFactory;
	/** Called with every new QR (the CLI can print it in the terminal). */
	onQr?(sessionId: string, raw: string): void;
	/** Tests resolve webhook host names themselves (to a metadata address, say) instead of asking DNS. */
	lookup?: Resolver;
}

/** The composition root: creates the parts, connects them, starts them, and owns their lifetimes. */
export async function startSidecar(
	config: SidecarConfig,
	logger: Logger,
	overrides: SidecarOverrides = {},
): Promise<RunningSidecar> {
	const startedAt = new Date();
	const browser = findBrowser(config, logger);
	const database = await openDatabase(config.dataDir, {
		logger,
		startFresh: config.startFresh,
		profilesDir: path.join(config.dataDir, 'sessions'),
	});

	// ---- the parts. They talk through one stream of domain events (events/domainEvents.ts).
	const events = new DomainEvents(logger);
	const bus = new EventBus();
	const jobs = new JobStore(database);
	const receivedMedia = new ReceivedMediaStore(path.join(config.dataDir, 'media'));
	const sessions = new SessionManager({
		config,
		store: new SessionStore(database),
		logger,
		browser,
		engineFactory: overrides.engineFactory ?? ((options) => new WwebjsEngine(options)),
		events,
	});
	// Who is behind a LID, per session: asked of the session's page, kept in the database.
	const lids = new LidStore(database);
	const addresses = new AddressBook({
		store: lids,
		lookup: (session, userId) => sessions.find(session)?.readyEngine()?.lidAndPhone(userId),
		waitMs: config.lids.lookupWaitMs,
		logger: logger.child({ component: 'addresses' }),
	});
	// Opt-outs (issue 15): who asked not to get bulk messages.
	const optOutStore = new OptOutStore(database);
	const optOuts = new OptOutList({
		store: optOutStore,
		scope: config.optOuts.scope,
		known: (session, userId) => addresses.known(session, userId),
		defaultCountryCode: config.sending.defaultCountryCode,
	});
	const metrics = createMetrics(sessions);
	const webhooks = new WebhookService({
		store: new DeliveryStore(database),
		bus,
		options: config.events,
		logger,
		metrics: metrics.deliveries,
		lookup: overrides.lookup,
	});
	const incoming = new IncomingMessages({
		events,
		media: receivedMedia,
		logger,
		inlineBytes: config.events.mediaInlineBytes,
		maxBytes: config.sending.media.maxBytes,
		sentByQueue: (messageId) => jobs.byWhatsAppId(messageId) !== undefined,
		addresses,
	});
	const messages = new MessageService({
		store: jobs,
		states: new QueueStateStore(database),
		sessions,
		options: config.sending,
		media: mediaPolicy({
			maxBytes: config.sending.media.maxBytes,
			timeoutMs: config.sending.media.timeoutMs,
			allowedHosts: config.sending.media.allowedHosts,
			...(config.sending.media.allowedTypes ? { allowedTypes: config.sending.media.allowedTypes } : {}),
		}),
		logger,
		events,
		addresses,
		optedOut: (session, chatId) => optOuts.optedOut(session, chatId),
	});
	const optOutKeywords = new OptOutKeywords({
		list: optOuts,
		matcher: new KeywordMatcher(config.optOuts.keywords, config.optOuts.optInKeywords),
		events,
		logger: logger.child({ component: 'optouts' }),
		confirmation: config.optOuts.confirmation,
		reply: (session, to, text, idempotencyKey) => messages.accept(session, { to, text, lane: 'reply', idempotencyKey }),
	});

	// Campaigns (issue 15): messages to many contacts spread over several numbers, each an ordinary job.
	const campaignStore = new CampaignStore(database);
	const campaigns = new CampaignService({
		store: campaignStore,
		jobs,
		messages,
		sessions,
		events,
		logger,
		options: { progressIntervalMs: config.campaigns.progressIntervalMs, rebalanceIntervalMs: 3_000, defaultCountryCode: config.sending.defaultCountryCode, referenceMaxBytes: config.sending.referenceMaxBytes },
	});

	// Reactions, edits, deletions, votes and calls (i14-events).
	const activities = new ChatActivities({
		events,
		logger,
		jobOf: (session, messageId) => {
			const job = jobs.byWhatsAppId(messageId);
			return job?.session === session ? { jobId: job.id, reference: job.reference ?? null } : undefined;
		},
		addresses,
	});
	const calls = new IncomingCalls({
		events,
		logger,
		settings: (session) => sessions.find(session)?.config.calls,
		reply: async (session, to, text, callId) =>
			(await messages.accept(session, { to, text, lane: 'reply', idempotencyKey: `call-${session}-${callId}` })).job.jobId,
		addresses,
	});

	// The HTTP API: routes over the parts (nothing listens before they are started).
	const serverInfo = (): ServerInfo => ({
		version: SIDECAR_VERSION,
		startedAt: startedAt.toISOString(),
		uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
		nodeVersion: process.version,
		browser,
		whatsapp: whatsAppInfo(config.whatsapp, sessions.webVersionCacheDir, sessions.list()),
	});
	const app = createApp({
		logger,
		storage: (probe) => database.status({ probe }),
		apiKey: config.apiKey,
		version: SIDECAR_VERSION,
		serverInfo,
		sessions,
		messages,
		webhooks,
		receivedMedia,
		defaultCountryCode: config.sending.defaultCountryCode,
		metrics: metrics.registry,
		addresses,
		optOuts,
		campaigns,
	});

	// ---- connect them: who reacts to which event (connections.ts lists every subscription).
	const disconnect = connectParts(events, { bus, messages, incoming, receivedMedia, metrics, onQr: overrides.onQr, addresses, activities, calls, optOutKeywords, campaigns });

	// ---- start them
	// whatsapp-web.js has code paths that reject with nobody listening (a re-inject racing a
	// shutdown): log them, and check every running session at once instead of dying.
	const onUnhandled = (reason: unknown) => {
		logger.error({ err: reason }, 'unhandled promise rejection (library); checking every session');
		for (const session of sessions.list()) session.checkHealth();
	};
	process.on('unhandledRejection', onUnhandled);

	// Webhooks first: events published while the others boot are already delivered.
	await webhooks.boot();
	// Before sessions: their first messages already find the pairs known before the restart.
	await lids.load();
	await optOutStore.load();
	await campaignStore.load();
	await sessions.boot();
	await messages.boot();
	campaigns.boot();
	const mediaPrune = setInterval(() => {
		receivedMedia
			.prune(Date.now() - config.events.mediaRetentionMs)
			.catch((error) => logger.warn({ err: error }, 'could not prune received media'));
	}, 3_600_000);
	mediaPrune.unref();
	let server: Server;
	try {
		server = await listen(app, config.host, config.port);
	} catch (error) {
		// Port taken or address unavailable: undo what started, so nothing lingers.
		clearInterval(mediaPrune);
		await campaigns.close();
		await messages.close();
		await webhooks.close();
		await sessions.shutdown();
		await database.close();
		process.off('unhandledRejection', onUnhandled);
		disconnect();
		throw error;
	}
	const { port } = server.address() as AddressInfo;
	const url = `http://${config.host}:${port}`;
	logger.info({ url, dataDir: config.dataDir }, 'sidecar listening');

	let stopping: Promise<void> | undefined;
	const stop = async () => {
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		// Queues stop taking jobs now; a send under way settles when its browser closes below.
		await campaigns.close();
		const messagesClosed = messages.close();
		try {
			await withTimeout(sessions.shutdown(), config.supervisor.shutdownTimeoutMs, 'closing the sessions');
		} catch (error) {
			logger.error({ err: error }, 'sessions did not close in time; killing their browsers');
			await sweepOrphanBrowsers(sessions.authDir);
		}
		await messagesClosed;
		clearInterval(mediaPrune);
		await incoming.idle();
		await Promise.all([activities.idle(), calls.idle(), optOutKeywords.idle()]);
		await lids.flush();
		await optOutStore.flush();
		await webhooks.close();
		server.closeAllConnections();
		await closed;
		await database.close();
		process.off('unhandledRejection', onUnhandled);
		disconnect();
		logger.info('sidecar stopped');
	};
	return { url, sessions, messages, webhooks, bus, events, campaigns, stop: () => (stopping ??= stop()) };
}

/** A missing browser is reported, not fatal: the API stays up to say what to install. */
function findBrowser(config: SidecarConfig, logger: Logger): ServerInfo['browser'] {
	try {
		const found = resolveBrowser({ explicitPath: config.chromium.executablePath });
		logger.info(found, 'browser found');
		return found;
	} catch (error) {
		const { code = 'BROWSER_NOT_FOUND', message } = error as { code?: string; message: string };
		logger.warn({ code }, message);
		return { error: { code, message } };
	}
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = app.listen(port, host);
		// Clients keep connections open between requests (n8n's HTTP helpers, fetch). When the server
		// closes an idle one first, a request already on its way over it fails with ECONNRESET; with
		// a long server timeout (announced in Keep-Alive: timeout=65) the client always lets go first.
		server.keepAliveTimeout = 65_000;
		server.headersTimeout = 66_000;
		server.once('listening', () => resolve(server));
		server.once('error', reject);
	});
}
