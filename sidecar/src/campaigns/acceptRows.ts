import { SidecarError } from '../errors';
import type { Logger } from '../logger';
import type { MessageService } from '../sending/MessageService';
import type { CampaignStore } from '../storage/CampaignStore';
import type { JobStore } from '../storage/JobStore';
import type { CampaignRecord } from '../storage/records';
import type { Availability } from './availability';
import { rowRequest, type CampaignRow } from './campaignRows';

/**
 * Makes a campaign's rows into jobs (issue 15), each on the number its contact
 * sticks to. Rows that already have their job (a re-post of the same campaign,
 * or one cut short by a crash) are passed over: nothing is sent twice.
 */

/** Row failures that fail the row, not the campaign: what a bad cell in a contact sheet causes. */
const ROW_CODES: ReadonlySet<string> = new Set([
	'RECIPIENT_INVALID',
	'TEMPLATE_VARIABLE_MISSING',
	'CONTENT_MISSING',
	'CONTENT_CONFLICT',
	'MEDIA_INVALID',
	'MEDIA_TOO_LARGE',
	'MEDIA_TYPE_NOT_ALLOWED',
	'MEDIA_URL_BLOCKED',
	'LOCATION_INVALID',
	'CONTACTS_INVALID',
	'POLL_INVALID',
	'MENTION_INVALID',
	'REFERENCE_TOO_LARGE',
	'REFERENCE_TOO_DEEP',
	'SEND_BEFORE_INVALID',
]);

/** Rows written at once: the database overlaps their writes; more only queues them up in memory. */
const CHUNK = 100;

export interface AcceptRowsDeps {
	store: CampaignStore;
	jobs: JobStore;
	messages: MessageService;
	logger: Logger;
}

export async function acceptRows(
	campaign: CampaignRecord,
	rows: CampaignRow[],
	availability: Map<string, Availability>,
	deps: AcceptRowsDeps,
): Promise<number> {
	const load = new Map(campaign.sessions.map((s) => [s, 0]));
	for (const job of deps.jobs.ofCampaign(campaign.id)) load.set(job.session, (load.get(job.session) ?? 0) + 1);
	const todo = rows.filter((row) => !deps.jobs.byIdempotencyKey(row.key));
	for (let start = 0; start < todo.length; start += CHUNK) {
		// Cancelled meanwhile (the API answers between chunks): the rest is not accepted.
		if (campaign.state === 'cancelled') return start;
		// Numbers are chosen before the chunk's writes begin, so the counts they balance on are exact.
		const chunk = todo.slice(start, start + CHUNK).map((row) => {
			const session = sessionFor(row.contact, campaign, load, availability, deps.store);
			load.set(session, (load.get(session) ?? 0) + 1);
			return { row, session };
		});
		await Promise.all(chunk.map(({ row, session }) => acceptRow(campaign, row, session, deps)));
	}
	return todo.length;
}

async function acceptRow(campaign: CampaignRecord, row: CampaignRow, session: string, deps: AcceptRowsDeps): Promise<void> {
	const request = rowRequest(campaign, row);
	if (request instanceof SidecarError) return void (await failRow(campaign, row, session, request, deps));
	try {
		await deps.messages.accept(session, request);
	} catch (error) {
		if (!(error instanceof SidecarError) || !ROW_CODES.has(error.code)) throw error;
		return void (await failRow(campaign, row, session, error, deps));
	}
	// Only a message that may go makes the number theirs.
	await deps.store.assign(row.contact, session);
}

async function failRow(campaign: CampaignRecord, row: CampaignRow, session: string, error: SidecarError, deps: AcceptRowsDeps) {
	deps.logger.info({ campaign: campaign.id, contact: row.contact, code: error.code }, 'campaign message failed before sending');
	await deps.messages.acceptFailed(
		session,
		{ to: row.contact, reference: row.message.reference, idempotencyKey: row.key, campaignId: campaign.id },
		error,
	);
}

/**
 * The number a contact gets: the one they had (in any campaign) when the campaign uses it, so
 * replies land where the conversation is; else the campaign's available number with the fewest
 * of its messages so far (any of its numbers when none is available: they wait, or move later).
 */
function sessionFor(
	contact: string,
	campaign: CampaignRecord,
	load: Map<string, number>,
	availability: Map<string, Availability>,
	store: CampaignStore,
): string {
	const had = store.assignment(contact)?.session;
	if (had && campaign.sessions.includes(had)) return had;
	const available = campaign.sessions.filter((s) => availability.get(s)?.state === 'available');
	const pool = available.length ? available : campaign.sessions;
	return pool.reduce((best, s) => ((load.get(s) ?? 0) < (load.get(best) ?? 0) ? s : best));
}
