import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { failedItemJson, sidecarApiError } from '../errors';
import { campaignAllItemsOperations, campaignOperations } from './campaign';
import { chatOperations } from './chat';
import { contactOperations } from './contact';
import { groupOperations } from './group';
import { messageOperations } from './message';
import { serverOperations } from './server';
import { sessionOperations } from './session';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
/** An operation that runs once over all the input items (Campaign → Create: one campaign from every contact). */
export type AllItemsOperation = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

export const operations: Record<string, Record<string, Operation>> = {
	campaign: campaignOperations,
	chat: chatOperations,
	contact: contactOperations,
	group: groupOperations,
	message: messageOperations,
	server: serverOperations,
	session: sessionOperations,
};

export const allItemsOperations: Record<string, Record<string, AllItemsOperation>> = {
	campaign: campaignAllItemsOperations,
};

/** Runs the chosen operation once per input item (or once over all of them); failures stay with their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length) {
		// Resource and operation take no expressions: the first item's are every item's.
		const allItems = allItemsOperations[this.getNodeParameter('resource', 0) as string]?.[this.getNodeParameter('operation', 0) as string];
		if (allItems) return [await runOverAllItems.call(this, allItems, items.length)];
	}
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const run = operations[resource]?.[operation];
		try {
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
					itemIndex,
				});
			}
			output.push(...(await run.call(this, itemIndex)));
		} catch (error) {
			// n8n's HTTP helper throws a NodeApiError of its own: rebuilt, so the sidecar's words and code show.
			const nodeError = error instanceof NodeOperationError ? error : sidecarApiError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: failedItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** An all-items operation; with "On Error → Continue" its failure is one item paired with every input item. */
async function runOverAllItems(this: IExecuteFunctions, run: AllItemsOperation, count: number): Promise<INodeExecutionData[]> {
	try {
		return await run.call(this);
	} catch (error) {
		const nodeError = error instanceof NodeOperationError ? error : sidecarApiError(this.getNode(), error);
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: failedItemJson(nodeError), pairedItem: Array.from({ length: count }, (_, item) => ({ item })) }];
	}
}
