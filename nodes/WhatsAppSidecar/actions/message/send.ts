import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { toIsoDateTime } from '../../helpers/dateTime';
import { referenceFromField } from '../../../../sidecar/src/contract';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { waitUntilSent } from './waitUntilSent';

interface SendOptions {
	checkNumber?: boolean;
	/** Send Text, Send Media, Reply (messageOptions.ts). */
	mentions?: string;
	/** Send Text, Send Media, Send Location, Send Contact Card, Send Poll (messageOptions.ts). */
	replyTo?: string;
	idempotencyKey?: string;
	lane?: 'reply' | 'bulk';
	reference?: unknown;
	sendAt?: unknown;
	sendBefore?: unknown;
	waitTimeout?: number;
	waitUntilSent?: boolean;
}

/**
 * Sends one message (`POST /api/sessions/:id/messages`): the operation's content
 * plus the Options, with the defaults that make sending safe to repeat. Outputs
 * the job, after waiting for it when asked.
 */
export async function sendMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: string,
	content: IDataObject,
	defaults: { lane?: 'reply' | 'bulk' } = {},
): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as SendOptions;
	const to = textParameter(this.getNodeParameter('to', itemIndex, ''));
	if (!to) throw new NodeOperationError(this.getNode(), 'Enter who gets the message in "To"', { itemIndex });

	const body: IDataObject = {
		to,
		...quoteAndMentions(options),
		...content,
		idempotencyKey: String(options.idempotencyKey ?? '').trim() || defaultIdempotencyKey.call(this, itemIndex, operation),
		lane: options.lane ?? defaults.lane ?? 'bulk',
	};
	const reference = referenceFromField(options.reference) ?? this.getInputData()[itemIndex]?.json?.id ?? undefined;
	if (reference !== undefined && reference !== null) body.reference = reference as IDataObject;
	const sendAt = toIsoDateTime(options.sendAt, this.getTimezone());
	if (sendAt === null) {
		throw new NodeOperationError(this.getNode(), `"Send At" is not a date and time: ${String(options.sendAt)}`, {
			itemIndex,
			description: 'Use the date picker, or an ISO time such as 2030-01-31T09:00:00.',
		});
	}
	if (sendAt) body.sendAt = sendAt;
	const sendBefore = toIsoDateTime(options.sendBefore, this.getTimezone());
	if (sendBefore === null) {
		throw new NodeOperationError(this.getNode(), `"Send Before" is not a date and time: ${String(options.sendBefore)}`, {
			itemIndex,
			description: 'Use the date picker, or an ISO time such as 2030-01-31T09:00:00.',
		});
	}
	if (sendBefore) body.sendBefore = sendBefore;
	if (options.checkNumber) body.checkNumber = true;

	const accepted = await sidecarRequest.call(this, 'POST', sessionPath(session, '/messages'), body);
	const job = options.waitUntilSent
		? { ...(await waitUntilSent.call(this, itemIndex, accepted, options.waitTimeout ?? 60)), duplicate: accepted.duplicate }
		: accepted;
	return [{ json: job, pairedItem: { item: itemIndex } }];
}

/**
 * One key per workflow, execution, node, run of the node and item: the same item
 * sent again in this execution (Retry On Fail) gets the job it already has, while a
 * loop running this node again, or a second WhatsApp node, sends its own message.
 */
export function defaultIdempotencyKey(this: IExecuteFunctions, itemIndex: number, operation: string): string {
	const runIndex = Number(this.getWorkflowDataProxy(itemIndex).$thisRunIndex) || 0;
	return [this.getWorkflow().id, this.getExecutionId(), this.getNode().id, runIndex, itemIndex, operation].join(':');
}

/** The Reply To and Mentions options (issue 14): a message id to quote; people as a comma or line separated list. */
function quoteAndMentions(options: SendOptions): IDataObject {
	const extra: IDataObject = {};
	const replyTo = textParameter(options.replyTo);
	if (replyTo) extra.replyTo = replyTo;
	const mentions = textParameter(options.mentions)
		.split(/[,;\n]/)
		.map((m) => m.trim())
		.filter(Boolean);
	if (mentions.length) extra.mentions = mentions;
	return extra;
}

/**
 * A text parameter, trimmed. An expression that found nothing (`{{ $json.body.phone }}` on an item
 * without it) gives undefined or null, or their text: that is an empty field, not a recipient "undefined".
 */
export function textParameter(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = String(value).trim();
	return text === 'undefined' || text === 'null' ? '' : text;
}
