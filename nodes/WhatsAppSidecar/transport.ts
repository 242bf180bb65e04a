import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'whatsAppSidecarApi';

type SidecarContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions;

/** The one way the nodes talk to the sidecar: its /api, authenticated with the credential's key. */
export async function sidecarRequest(
	this: SidecarContext,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	qs?: IDataObject,
): Promise<IDataObject> {
	const credentials = await this.getCredentials<{ baseUrl: string }>(CREDENTIAL_TYPE);
	const options: IHttpRequestOptions = {
		method,
		url: `${String(credentials.baseUrl).replace(/\/+$/, '')}/api${path}`,
		json: true,
		...(body === undefined ? {} : { body }),
		...(qs === undefined ? {} : { qs }),
	};
	return (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)) as IDataObject;
}
