import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { sidecarApiError, sidecarErrorInfo } from '../../errors';
import { toIsoDateTime } from '../../helpers/dateTime';
import { parseList } from '../../../shared/sessionsList';
import { sidecarRequest } from '../../transport';
import { campaignMessage } from './campaignMessage';

export { createDescription } from './create.description';

interface CreateOptions {
	checkNumber?: boolean;
	idempotencyKey?: string;
	sendAfter?: unknown;
	sendBefore?: unknown;
	strategy?: 'spread' | 'hold';
}

/**
 * Creates ONE campaign from ALL the input items, one contact each (`POST /api/campaigns`). The
 * campaign-wide fields are read once; To, variables, text and reference per item. Outputs the
 * campaign, paired with every input item.
 */
export async function create(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const name = String(this.getNodeParameter('name', 0, '')).trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Enter a name for the campaign', { itemIndex: 0 });
	const sessions = parseList(this.getNodeParameter('sessions', 0, []));
	if (!sessions.length) {
		throw new NodeOperationError(this.getNode(), 'Choose the sessions that send the campaign', {
			itemIndex: 0,
			description: 'Pick one or more sessions (WhatsApp numbers) in "Sessions", or give their IDs separated by commas.',
		});
	}
	const withTemplate = this.getNodeParameter('messageFrom', 0, 'template') === 'template';
	const body: IDataObject = { name, sessions };
	if (withTemplate) {
		const template = String(this.getNodeParameter('template', 0, '')).trim();
		if (!template) throw new NodeOperationError(this.getNode(), 'Enter the template', { itemIndex: 0 });
		body.template = template;
	}
	body.messages = items.map((_, itemIndex) => campaignMessage.call(this, itemIndex, withTemplate));

	const options = this.getNodeParameter('options', 0, {}) as CreateOptions;
	for (const field of ['sendAfter', 'sendBefore'] as const) {
		const time = toIsoDateTime(options[field], this.getTimezone());
		if (time === null) {
			throw new NodeOperationError(this.getNode(), `"${field === 'sendAfter' ? 'Send After' : 'Send Before'}" is not a date and time: ${String(options[field])}`, {
				itemIndex: 0,
				description: 'Use the date picker, or an ISO time such as 2030-01-31T09:00:00.',
			});
		}
		if (time) body[field] = time;
	}
	if (options.strategy) body.strategy = options.strategy;
	if (options.checkNumber) body.checkNumber = true;
	body.idempotencyKey = String(options.idempotencyKey ?? '').trim() || defaultCampaignKey.call(this);

	let campaign: IDataObject;
	try {
		campaign = await sidecarRequest.call(this, 'POST', '/campaigns', body);
	} catch (error) {
		throw sidecarApiError(this.getNode(), error, itemOfProblem(error, items.length));
	}
	return [{ json: campaign, pairedItem: items.map((_, item) => ({ item })) }];
}

/**
 * One key per workflow, execution, node and run of the node (as the Send operations, without the
 * item: all the items are one campaign), so a retry of this node gets the campaign it already made.
 */
function defaultCampaignKey(this: IExecuteFunctions): string {
	const runIndex = Number(this.getWorkflowDataProxy(0).$thisRunIndex) || 0;
	return [this.getWorkflow().id, this.getExecutionId(), this.getNode().id, runIndex, 'campaign'].join(':');
}

/**
 * The input item a refused request is about: messages are sent in item order, so the sidecar's
 * `messages.5.to` problem is item 5's. Undefined when the problem is the campaign's own.
 */
function itemOfProblem(error: unknown, count: number): number | undefined {
	const problems = sidecarErrorInfo(error).error?.details?.problems;
	if (!Array.isArray(problems)) return undefined;
	for (const problem of problems as Array<{ field?: unknown }>) {
		const match = /^messages\.(\d+)(\.|$)/.exec(String(problem?.field ?? ''));
		if (match && Number(match[1]) < count) return Number(match[1]);
	}
	return undefined;
}
