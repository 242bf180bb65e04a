import { CAMPAIGN_MESSAGES_MAX, CAMPAIGN_PAGE_MAX, createCampaignSchema } from './campaignSchemas';
import type { RouteDoc } from './openapi';

/** Campaigns (routes/campaigns.ts, issue 15); listed in openapi.ts ROUTES. */
const VIEW =
	'{campaignId, name, state (running, paused, cancelled, finished), strategy, sessions, template, sendAfter, sendBefore, createdAt, finishedAt, total, ' +
	'duplicatesDropped, counts {by job status}, failedByCode, perSession [{session, sessionStatus, counts, waitingFor, nextSendAt, estimatedFinishAt}], ' +
	'estimatedFinishAt, bottleneck {session, reason}}';
const NOT_FOUND = 'CAMPAIGN_NOT_FOUND';

export const CAMPAIGN_ROUTES: RouteDoc[] = [
	{
		method: 'post',
		path: '/api/campaigns',
		summary:
			`Create a campaign: one message per contact (up to ${CAMPAIGN_MESSAGES_MAX.toLocaleString('en')}), spread over the sessions, each contact always on the same number. ` +
			'template fills {{placeholders}} from each message\'s variables (TEMPLATE_VARIABLE_MISSING fails that message only); strategy spread moves the messages of a number ' +
			'that cannot send to the others, hold lets them wait. Each message is a job (campaignId on it and its events). The same request again: the same campaign, nothing sent twice. ' +
			VIEW,
		body: createCampaignSchema,
		responses: {
			202: 'The campaign, with duplicate: false',
			200: 'The campaign this same request (or idempotencyKey) created before, with duplicate: true',
			400: 'VALIDATION_FAILED, or SEND_BEFORE_INVALID (not a time, past, or not after sendAfter)',
			404: 'SESSION_NOT_FOUND',
			409: 'IDEMPOTENCY_KEY_REUSED (the key came with another request)',
		},
	},
	{
		method: 'get',
		path: '/api/campaigns',
		summary: `Every campaign, newest first: {campaigns: [${VIEW}]}`,
		responses: { 200: 'The campaigns' },
	},
	{
		method: 'get',
		path: '/api/campaigns/{campaignId}',
		summary: `A campaign's progress: counts by status and per number, the estimated finish from the pacing in force, and what holds it. ${VIEW}`,
		responses: { 200: 'The campaign', 404: NOT_FOUND },
	},
	{
		method: 'get',
		path: '/api/campaigns/{campaignId}/messages',
		summary: `The campaign's messages (jobs), in order: ?status (comma-separated) &limit (1–${CAMPAIGN_PAGE_MAX}, default 100) &cursor (nextCursor of the previous page). {jobs, nextCursor}`,
		responses: { 200: 'A page of jobs', 400: 'VALIDATION_FAILED (status or limit) or CURSOR_INVALID', 404: NOT_FOUND },
	},
	{
		method: 'post',
		path: '/api/campaigns/{campaignId}/pause',
		summary: 'Hold the campaign\'s waiting messages (the numbers\' other messages still go; sendBefore still ends them)',
		responses: { 200: 'The campaign', 404: NOT_FOUND, 409: 'CAMPAIGN_NOT_ACTIVE (cancelled or finished)' },
	},
	{
		method: 'post',
		path: '/api/campaigns/{campaignId}/resume',
		summary: 'Let a paused campaign\'s messages go again',
		responses: { 200: 'The campaign', 404: NOT_FOUND, 409: 'CAMPAIGN_NOT_ACTIVE (cancelled or finished)' },
	},
	{
		method: 'post',
		path: '/api/campaigns/{campaignId}/cancel',
		summary: 'Cancel the campaign: its waiting messages end cancelled, those sent stay as they are (a finished campaign is left as it is)',
		responses: { 200: 'The campaign', 404: NOT_FOUND },
	},
];
