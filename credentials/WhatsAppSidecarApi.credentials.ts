import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class WhatsAppSidecarApi implements ICredentialType {
	name = 'whatsAppSidecarApi';

	displayName = 'WhatsApp Sidecar API';

	icon: Icon = { light: 'file:whatsAppSidecarApi.svg', dark: 'file:whatsAppSidecarApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-sidecar/n8n-nodes-whatsapp-sidecar#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Sidecar URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:3100',
			placeholder: 'http://127.0.0.1:3100',
			description:
				'Where the WhatsApp sidecar listens. If n8n runs in Docker and the sidecar on the host, use http://host.docker.internal:3100.',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The sidecar's API key: the SIDECAR_API_KEY you set, or the key the sidecar printed and saved in its data folder (file api-key)",
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	};

	// An authenticated endpoint, so a wrong key fails the test (health would not).
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/api/server', method: 'GET' },
	};
}
