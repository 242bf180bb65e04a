import { NodeOperationError, type IBinaryData, type IDataObject, type IWebhookFunctions } from 'n8n-workflow';
import { sidecarApiError } from '../WhatsAppSidecar/errors';
import { CREDENTIAL_TYPE } from '../WhatsAppSidecar/transport';

/**
 * The media of a received message as n8n binary data: the base64 the event
 * carries when the file is small, otherwise downloaded from the sidecar path in
 * `media.url` (`/api/sessions/<id>/messages/<messageId>/media`) with the
 * credential's key. Returns undefined when the event has no file to give (the
 * sidecar could not download it, or it is over the size limit).
 */
export async function mediaBinary(this: IWebhookFunctions, media: IDataObject): Promise<IBinaryData | undefined> {
	const mimetype = typeof media.mimetype === 'string' ? media.mimetype : undefined;
	const filename = typeof media.filename === 'string' ? media.filename : undefined;
	let data: Buffer;
	if (typeof media.base64 === 'string' && media.base64) {
		data = Buffer.from(media.base64, 'base64');
	} else if (typeof media.url === 'string' && media.url) {
		data = await downloadFromSidecar.call(this, media.url);
	} else {
		return undefined;
	}
	return await this.helpers.prepareBinaryData(data, filename, mimetype);
}

/** GETs a sidecar path (never another host: the API key goes with it) as bytes. */
async function downloadFromSidecar(this: IWebhookFunctions, path: string): Promise<Buffer> {
	if (!path.startsWith('/api/') || path.startsWith('//')) {
		throw new NodeOperationError(this.getNode(), `The media URL "${path}" is not a path of the sidecar`);
	}
	const credentials = await this.getCredentials<{ baseUrl: string }>(CREDENTIAL_TYPE);
	try {
		const bytes = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: 'GET',
			url: `${String(credentials.baseUrl).replace(/\/+$/, '')}${path}`,
			encoding: 'arraybuffer',
		})) as ArrayBuffer | Buffer;
		return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
	} catch (error) {
		throw sidecarApiError(this.getNode(), error);
	}
}
