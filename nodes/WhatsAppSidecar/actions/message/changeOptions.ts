import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { referenceFromField } from '../../../../sidecar/src/contract';
import { sidecarRequest } from '../../transport';
import { defaultIdempotencyKey, textParameter } from './send';
import { sendOptions } from './sendOptions';

/**
 * What Edit, Delete and Forward share: the Job ID field (the message the sidecar sent), their
 * Options (a subset of the send options: the routes take no Send At or Wait Until Sent), and the
 * request with the same safe-to-repeat idempotency key and reference as a send.
 */

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.jobId }}',
	description: 'The jobId a Send operation of this node output for the message (not the WhatsApp message ID)',
};

/** The Options collection with these of the send options, in alphabetical order. */
export function changeOptions(names: string[]): INodeProperties {
	return { ...sendOptions, options: (sendOptions.options as INodeProperties[]).filter((o) => names.includes(o.name)) };
}

interface ChangeOptions {
	idempotencyKey?: string;
	reference?: unknown;
	lane?: 'reply' | 'bulk';
	checkNumber?: boolean;
}

export function jobIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	const jobId = textParameter(this.getNodeParameter('jobId', itemIndex, ''));
	if (!jobId) {
		throw new NodeOperationError(this.getNode(), 'Enter the job ID of the message in "Job ID"', {
			itemIndex,
			description: 'Map the jobId a Send operation output, e.g. {{ $json.jobId }}.',
		});
	}
	return jobId;
}

/** Sends the request with the Options' idempotency key (or one made from this run) and reference; outputs the job. */
export async function requestChange(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: string,
	request: { method: 'POST' | 'DELETE'; path: string; body?: IDataObject; qs?: IDataObject },
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as ChangeOptions;
	const body: IDataObject = {
		...request.body,
		idempotencyKey: textParameter(options.idempotencyKey) || defaultIdempotencyKey.call(this, itemIndex, operation),
	};
	const reference = referenceFromField(options.reference) ?? this.getInputData()[itemIndex]?.json?.id ?? undefined;
	if (reference !== undefined && reference !== null) body.reference = reference as IDataObject;
	if (options.lane) body.lane = options.lane;
	if (options.checkNumber) body.checkNumber = true;
	return sidecarRequest.call(this, request.method, request.path, body, request.qs);
}
