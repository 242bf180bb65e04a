import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';

export const getInfoDescription: INodeProperties[] = [];

/** Which sidecar answers: its version, uptime, the browser its sessions use, and the whatsapp-web.js and WhatsApp Web versions they run. */
export async function getInfo(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const info = await sidecarRequest.call(this, 'GET', '/server');
	return [{ json: info, pairedItem: { item: itemIndex } }];
}
