import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { sidecarApiError, sidecarErrorInfo } from '../../errors';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';
import { sessionLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	sessionLocator,
	{
		displayName: 'Phone Number',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +62 812 3456 789',
		description:
			'The number of the phone to link, with its country code. WhatsApp on that phone shows a notification; type the code there under Linked devices → Link a device → Link with phone number instead.',
	},
];

export const getPairingCodeDescription = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getPairingCode'] } },
	properties,
);

/**
 * A pairing code to link the phone without scanning a QR (`POST /api/sessions/:id/pairing-code`):
 * `{code, expiresAt}` (WhatsApp shows a new one every 3 minutes; the Session Trigger's New
 * Pairing Code event brings them). A session that is already linked needs none: that is a
 * normal answer here, as for Get QR, and the sidecar asked WhatsApp nothing (asking could
 * unlink the phone).
 */
export async function getPairingCode(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	const phone = String(this.getNodeParameter('phone', itemIndex, '')).trim();
	if (!phone) throw new NodeOperationError(this.getNode(), 'Enter the phone number to link', { itemIndex });
	let answer;
	try {
		answer = await sidecarRequest.call(this, 'POST', sessionPath(session, '/pairing-code'), { phone });
	} catch (error) {
		const { error: sidecar } = sidecarErrorInfo(error);
		if (sidecar?.code === 'PAIRING_CODE_NOT_AVAILABLE' && sidecar.details?.status === 'READY') {
			const message = 'Already connected: this session is linked to a phone, so no pairing code is needed.';
			return [{ json: { status: 'READY', codeNeeded: false, message }, pairedItem: { item: itemIndex } }];
		}
		throw sidecarApiError(this.getNode(), error, itemIndex);
	}
	return [
		{
			json: { status: 'SCAN_QR', codeNeeded: true, code: answer.code, phone: answer.phone, expiresAt: answer.expiresAt, count: answer.count },
			pairedItem: { item: itemIndex },
		},
	];
}
