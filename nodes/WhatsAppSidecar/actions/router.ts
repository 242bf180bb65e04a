import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { failedItemJson, sidecarApiError } from '../errors';
import { chatOperations } from './chat';
import { contactOperations } from './contact';
import { groupOperations } from './group';
import { messageOperations } from './message';
import { serverOperations } from './server';
import { sessionOperations } from './session';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

export const operations: Record<string, Record<string, Operation>> = {
	chat: chatOperations,
	contact: contactOperations,
	group: groupOperations,
	message: messageOperations,
	server: serverOperations,
	session: sessionOperations,
};

/** Runs the chosen operation once per input item; failures stay with their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
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
