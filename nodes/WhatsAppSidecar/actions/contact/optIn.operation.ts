import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { getSessionId } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { contactField } from './fields';
import { contactOf } from './optOut.operation';

export const optInDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['optIn'] } }, [sessionLocator, contactField] as INodeProperties[]);

/** Takes the person off the opt-out list (`DELETE /api/opt-outs/:contact`): bulk messages reach them again. */
export async function optIn(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const contact = contactOf.call(this, itemIndex);
	const answer = await sidecarRequest.call(this, 'DELETE', `/opt-outs/${encodeURIComponent(contact)}`, undefined, { session });
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
