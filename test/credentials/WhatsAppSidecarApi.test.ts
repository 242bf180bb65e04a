import { WhatsAppSidecarApi } from '../../credentials/WhatsAppSidecarApi.credentials';

describe('WhatsAppSidecarApi credential', () => {
	const credential = new WhatsAppSidecarApi();

	it('sends the key as X-Api-Key on every request', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
		});
	});

	it('is tested against an endpoint that needs the key, so a wrong key fails the test', () => {
		expect(credential.test.request).toMatchObject({ url: '/api/server', method: 'GET' });
		expect(credential.test.request.url?.startsWith('/api/')).toBe(true);
	});

	it('defaults to the sidecar on loopback and hides the key', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.baseUrl.default).toBe('http://127.0.0.1:3100');
		expect(byName.apiKey.typeOptions).toEqual({ password: true });
	});
});
