import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { sidecarApiError, sidecarErrorInfo } from '../../errors';
import { getSessionId, sessionPath } from '../../helpers/session';
import { sidecarRequest } from '../../transport';

/** The binary field the QR image goes to. */
export const QR_BINARY_PROPERTY = 'qr';

/**
 * The QR code to link a phone (`GET /api/sessions/:id/qr`), as a PNG in the `qr`
 * binary field plus its text. A session that is already linked needs no QR: that
 * is a normal answer here, not a failure.
 */
export async function getQr(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const session = getSessionId.call(this, itemIndex);
	let qr;
	try {
		qr = await sidecarRequest.call(this, 'GET', sessionPath(session, '/qr'), undefined, { format: 'json' });
	} catch (error) {
		const { error: sidecar } = sidecarErrorInfo(error);
		if (sidecar?.code === 'QR_NOT_AVAILABLE' && sidecar.details?.status === 'READY') {
			const message = 'Already connected: this session is logged in, so no QR code is needed.';
			return [{ json: { status: 'READY', qrNeeded: false, message }, pairedItem: { item: itemIndex } }];
		}
		throw sidecarApiError(this.getNode(), error, itemIndex);
	}

	const match = /^data:image\/png;base64,(.+)$/.exec(String(qr.dataUrl ?? ''));
	if (!match) {
		throw new NodeOperationError(this.getNode(), 'The sidecar sent a QR code without its image', { itemIndex });
	}
	const png = await this.helpers.prepareBinaryData(Buffer.from(match[1], 'base64'), 'qr.png', 'image/png');
	return [
		{
			json: { status: 'SCAN_QR', qrNeeded: true, raw: qr.raw, expiresAt: qr.expiresAt, count: qr.count },
			binary: { [QR_BINARY_PROPERTY]: png },
			pairedItem: { item: itemIndex },
		},
	];
}
