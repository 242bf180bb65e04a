import express, { type Express } from 'express';
import pinoHttp from 'pino-http';
import type { Registry } from 'prom-client';
import type { ResolvedBrowser } from '../browser/resolveBrowser';
import type { Logger } from '../logger';
import type { WebhookService } from '../delivery/WebhookService';
import type { MessageService } from '../sending/MessageService';
import type { ReceivedMediaStore } from '../storage/ReceivedMediaStore';
import type { SessionManager } from '../sessions/SessionManager';
import type { WhatsAppInfo } from '../sessions/webVersionReport';
import type { StorageStatus } from '../storage/StorageHealth';
import { errorMiddleware, notFound } from './errorMiddleware';
import { jsonBody } from './jsonBody';
import { openApiDocument } from './openapi';
import { redactUrl } from './redactUrl';
import { requireApiKey } from './requireApiKey';
import { contactRoutes, type LearnsAddresses } from './routes/contacts';
import { healthRoutes } from './routes/health';
import { messageRoutes } from './routes/messages';
import { receivedMediaRoutes } from './routes/receivedMedia';
import { webhookRoutes } from './routes/webhooks';
import { metricsRoutes } from './routes/metrics';
import { serverRoutes } from './routes/server';
import { sessionRoutes } from './routes/sessions';
import { pairingCodeRoutes } from './routes/pairingCode';
import { chatRoutes } from './routes/chats';
import { presenceRoutes } from './routes/presence';
import { contactProfileRoutes } from './routes/contactProfile';
import { groupRoutes } from './routes/groups';
import { optOutRoutes } from './routes/optOuts';
import { campaignRoutes } from './routes/campaigns';
import type { CampaignService } from '../campaigns/CampaignService';
import type { OptOutList } from '../optouts/OptOutList';

export interface ServerInfo {
	version: string;
	startedAt: string;
	uptimeSeconds: number;
	nodeVersion: string;
	browser: ResolvedBrowser | { error: { code: string; message: string } };
	/** The whatsapp-web.js and the WhatsApp Web version sessions run, and where that page came from. */
	whatsapp: WhatsAppInfo;
}

export interface AppDeps {
	logger: Logger;
	/** Whether the database takes writes (/health says so). */
	storage: (probe: boolean) => Promise<StorageStatus>;
	apiKey: string;
	version: string;
	serverInfo: () => ServerInfo;
	sessions: SessionManager;
	messages: MessageService;
	webhooks: WebhookService;
	receivedMedia: ReceivedMediaStore;
	defaultCountryCode?: string;
	metrics: Registry;
	/** LID ↔ phone pairs the contact check learns (optional: tests build apps without it). */
	addresses?: LearnsAddresses;
	/** The opt-out list (issue 15). */
	optOuts: OptOutList;
	/** Campaigns (issue 15). */
	campaigns: CampaignService;
}

/** Builds the express app without listening, so tests can mount it on an ephemeral port. */
export function createApp(deps: AppDeps): Express {
	const app = express();
	app.disable('x-powered-by');
	app.use(
		pinoHttp({
			logger: deps.logger.child({ component: 'http' }),
			// One line per request, with the session it concerns.
			customProps: (req) => {
				const session = /^\/api\/sessions\/([^/?]+)/.exec(req.url ?? '')?.[1];
				return session ? { session } : {};
			},
			autoLogging: { ignore: (req) => req.url === '/health' },
			// Method, URL and status are what an operator needs; headers would carry the API key, and
			// so would a URL with the key in its query (refused, but still logged).
			serializers: {
				req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
				res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
			},
		}),
	);
	app.use(healthRoutes(deps.version, deps.storage));
	const authenticated = requireApiKey(deps.apiKey);
	app.use(authenticated, ...jsonBody());
	app.get('/openapi.json', (_req, res) => res.json(openApiDocument(deps.version)));
	app.use(metricsRoutes(deps.metrics));
	app.use(
		'/api',
		serverRoutes(deps.serverInfo),
		sessionRoutes(deps.sessions),
		pairingCodeRoutes(deps.sessions),
		messageRoutes(deps.messages),
		contactRoutes(deps.sessions, deps.defaultCountryCode, deps.addresses),
		receivedMediaRoutes(deps.sessions, deps.receivedMedia),
		webhookRoutes(deps.webhooks),
		chatRoutes(deps.sessions, deps.defaultCountryCode),
		presenceRoutes(deps.sessions, deps.defaultCountryCode),
		contactProfileRoutes(deps.sessions, deps.defaultCountryCode),
		groupRoutes(deps.sessions, deps.defaultCountryCode),
		// Opt-outs (issue 15)
		optOutRoutes(deps.optOuts, deps.sessions),
		// Campaigns (issue 15)
		campaignRoutes(deps.campaigns),
	);
	app.use(notFound);
	app.use(errorMiddleware(deps.logger));
	return app;
}
