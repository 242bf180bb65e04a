import { Router, type Request } from 'express';
import type { CampaignService } from '../../campaigns/CampaignService';
import { campaignMessagesQuerySchema, createCampaignSchema } from '../campaignSchemas';
import { validate } from '../validate';

/** Campaigns (issue 15): create one over several numbers, follow it, pause, resume or cancel it. */
export function campaignRoutes(campaigns: CampaignService): Router {
	const router = Router();

	router.post('/campaigns', async (req, res) => {
		const body = validate(createCampaignSchema, req.body);
		const { campaign, duplicate } = await campaigns.create(body);
		// 202: on disk and queued; 200: this request made it before (nothing new happened).
		res.status(duplicate ? 200 : 202).json({ ...campaign, duplicate });
	});

	router.get('/campaigns', async (_req, res) => {
		res.json({ campaigns: await campaigns.list() });
	});

	router.get('/campaigns/:campaignId', async (req, res) => {
		res.json(await campaigns.get(id(req)));
	});

	router.get('/campaigns/:campaignId/messages', (req, res) => {
		res.json(campaigns.messagesOf(id(req), validate(campaignMessagesQuerySchema, req.query)));
	});

	router.post('/campaigns/:campaignId/pause', async (req, res) => {
		res.json(await campaigns.pause(id(req)));
	});

	router.post('/campaigns/:campaignId/resume', async (req, res) => {
		res.json(await campaigns.resume(id(req)));
	});

	router.post('/campaigns/:campaignId/cancel', async (req, res) => {
		res.json(await campaigns.cancel(id(req)));
	});

	return router;
}

function id(req: Request): string {
	return String(req.params.campaignId);
}
