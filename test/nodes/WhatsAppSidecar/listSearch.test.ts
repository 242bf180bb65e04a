import { mockDeep } from 'jest-mock-extended';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';
import { BASE_URL } from './context';

describe('listSearch searchSessions', () => {
	const searchSessions = new WhatsAppSidecar().methods.listSearch.searchSessions;

	function context(sessions: unknown) {
		const ctx = mockDeep<ILoadOptionsFunctions>();
		ctx.getCredentials.mockResolvedValue({ baseUrl: BASE_URL, apiKey: 'k' });
		ctx.helpers.httpRequestWithAuthentication.mockResolvedValue({ sessions });
		return ctx;
	}

	it('lists the sessions by id with their status, sorted', async () => {
		const ctx = context([
			{ id: 'sales', status: 'SCAN_QR' },
			{ id: 'main', status: 'READY' },
		]);
		expect(await searchSessions.call(ctx)).toEqual({
			results: [
				{ name: 'main (READY)', value: 'main' },
				{ name: 'sales (SCAN_QR)', value: 'sales' },
			],
		});
		expect(ctx.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith('whatsAppSidecarApi', {
			method: 'GET',
			url: `${BASE_URL}/api/sessions`,
			json: true,
		});
	});

	it('filters by the search text, ignoring case', async () => {
		const ctx = context([{ id: 'Sales-EU' }, { id: 'main' }]);
		expect(await searchSessions.call(ctx, 'sal')).toEqual({ results: [{ name: 'Sales-EU (unknown)', value: 'Sales-EU' }] });
	});

	it('copes with an unexpected answer', async () => {
		expect(await searchSessions.call(context(undefined))).toEqual({ results: [] });
	});
});
