import { RecipientInvalidError, SidecarError, TemplateVariableMissingError } from '../errors';
import type { CampaignMessageRequest } from '../http/campaignSchemas';
import type { SendRequest } from '../sending/acceptJob';
import { normalizeRecipient } from '../sending/recipients';
import type { CampaignRecord } from '../storage/records';
import { renderTemplate } from './template';

/**
 * A campaign request's rows (one per contact) made into send requests (issue 15):
 * recipients normalized and deduplicated, the template rendered per contact. A
 * row that cannot become a message is kept with its error: it becomes a `failed`
 * job, and the rest of the campaign goes on.
 */

export interface CampaignRow {
	/** The recipient's chat id, or the `to` as written when it is no recipient at all. */
	contact: string;
	/** The job's idempotency key: one message per campaign and contact, whatever happens to the request. */
	key: string;
	message: CampaignMessageRequest;
	/** Why this row cannot be sent (RECIPIENT_INVALID); the template is checked later, per row. */
	invalid?: SidecarError;
}

/** The rows in request order, each contact once (later repeats are dropped and counted). */
export function campaignRows(
	campaignKey: string,
	messages: CampaignMessageRequest[],
	defaultCountryCode?: string,
): { rows: CampaignRow[]; duplicatesDropped: number } {
	const rows: CampaignRow[] = [];
	const seen = new Set<string>();
	for (const message of messages) {
		let contact: string;
		let invalid: SidecarError | undefined;
		try {
			contact = normalizeRecipient(message.to, defaultCountryCode).chatId;
		} catch (error) {
			if (!(error instanceof RecipientInvalidError)) throw error;
			contact = message.to.trim();
			invalid = error;
		}
		if (seen.has(contact)) continue;
		seen.add(contact);
		rows.push({ contact, key: rowKey(campaignKey, contact), message, invalid });
	}
	return { rows, duplicatesDropped: messages.length - rows.length };
}

/** The job key of a campaign's message to a contact. */
export function rowKey(campaignId: string, contact: string): string {
	return `campaign:${campaignId}:${contact}`;
}

/**
 * The send request for a row, or the error that fails it. The template gives the text, or the
 * caption of a row with media and no caption of its own; a row with its own text, location,
 * contacts or poll keeps it.
 */
export function rowRequest(campaign: CampaignRecord, row: CampaignRow): SendRequest | SidecarError {
	if (row.invalid) return row.invalid;
	const { variables, ...message } = row.message;
	let { text, caption } = message;
	const ownContent = text ?? message.location ?? message.contacts ?? message.poll ?? (message.media && caption);
	if (campaign.template && ownContent === undefined) {
		const rendered = renderTemplate(campaign.template, variables ?? {});
		if ('missing' in rendered) return new TemplateVariableMissingError(rendered.missing);
		if (message.media) caption = rendered.text;
		else text = rendered.text;
	}
	return {
		...message,
		to: row.contact,
		text,
		caption,
		idempotencyKey: row.key,
		sendAt: campaign.sendAfter,
		sendBefore: campaign.sendBefore,
		lane: 'bulk',
		checkNumber: campaign.checkNumber,
		campaignId: campaign.id,
	};
}
