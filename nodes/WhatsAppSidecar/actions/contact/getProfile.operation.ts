import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';
import { contactField, contactPath } from './fields';

export const getProfileDescription = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getProfile'] } }, [sessionLocator, contactField] as INodeProperties[]);

/** What WhatsApp tells about a person (`GET …/contacts/:contact/profile`). */
export async function getProfile(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const answer = await sidecarRequest.call(this, 'GET', contactPath.call(this, itemIndex, '/profile'));
	return [{ json: answer, pairedItem: { item: itemIndex } }];
}
