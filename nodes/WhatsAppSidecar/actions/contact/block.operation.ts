import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { contactField, contactPath } from './fields';

export const blockDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['block'] } }, [sessionLocator, contactField] as INodeProperties[]);

/** Blocks the person (`POST …/contacts/:contact/block`). */
export async function block(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'POST', contactPath.call(this, itemIndex, '/block'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
