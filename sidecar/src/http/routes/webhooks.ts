import { Router, type Request } from 'express';
import type { WebhookService } from '../../delivery/WebhookService';
import { createWebhookSchema, replaySchema } from '../schemas';
import { validate } from '../validate';

/** Subscriptions (the n8n triggers register here), their stats, dead letters and replay. */
export function webhookRoutes(webhooks: WebhookService): Router {
	const router = Router();

	router.post('/webhooks', async (req, res) => {
		const subscription = await webhooks.create(validate(createWebhookSchema, req.body));
		res.status(201).json(webhooks.get(subscription.id));
	});

	router.get('/webhooks', (_req, res) => {
		res.json({ webhooks: webhooks.list() });
	});

	router.get('/webhooks/:id', (req, res) => {
		res.json(webhooks.get(param(req)));
	});

	router.delete('/webhooks/:id', async (req, res) => {
		await webhooks.delete(param(req));
		res.json({ id: param(req), deleted: true });
	});

	router.get('/webhooks/:id/dead-letters', (req, res) => {
		res.json({ deadLetters: webhooks.deadLetters(param(req)) });
	});

	router.post('/webhooks/:id/dead-letters/replay', async (req, res) => {
		const { ids } = validate(replaySchema, req.body);
		res.json({ replayed: await webhooks.replay(param(req), ids) });
	});

	return router;
}

function param(req: Request): string {
	return String(req.params.id);
}
