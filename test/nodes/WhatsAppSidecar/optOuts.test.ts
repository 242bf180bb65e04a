import { NodeApiError } from 'n8n-workflow';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure } from './context';

const entry = (n: number) => ({ contact: `62812000000${n}`, phone: `62812000000${n}`, lid: null, list: null, session: 'main', reason: null, keyword: 'STOP', messageId: null, at: '2026-11-29T10:00:00.000Z' });

describe('Contact → Opt Out', () => {
	it('posts the contact, the session and the reason, and outputs the entry', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'optOut', session: 'main', contact: ' +62 812 0000 001 ', reason: ' asked by email ' });
		answers(ctx, { ...entry(1), added: true });
		expect(await run(ctx)).toEqual([{ json: { ...entry(1), added: true }, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([
			{ method: 'POST', url: `${BASE_URL}/api/opt-outs`, json: true, body: { contact: '+62 812 0000 001', session: 'main', reason: 'asked by email' } },
		]);
	});

	it('leaves an empty reason out, and an empty contact fails before asking the sidecar', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'optOut', session: 'main', contact: '628120000001', reason: '' });
		answers(ctx, entry(1));
		await run(ctx);
		expect(requests(ctx)[0].body).toEqual({ contact: '628120000001', session: 'main' });

		const empty = executeContext({ resource: 'contact', operation: 'optOut', session: 'main', contact: ' ' });
		await expect(run(empty)).rejects.toThrow('Enter the contact');
		expect(requests(empty)).toEqual([]);
	});
});

describe('Contact → Opt In', () => {
	it('deletes the entry by contact, with the session in the query', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'optIn', session: 'main', contact: '201000000000042@lid' });
		answers(ctx, { contact: '201000000000042@lid', removed: true });
		expect(await run(ctx)).toEqual([{ json: { contact: '201000000000042@lid', removed: true }, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([
			{ method: 'DELETE', url: `${BASE_URL}/api/opt-outs/201000000000042%40lid`, json: true, qs: { session: 'main' } },
		]);
	});

	it('someone not on the list fails with the sidecar\'s code, on its item', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'optIn', session: 'main', contact: '628120000009' });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(sidecarFailure(404, 'OPT_OUT_NOT_FOUND', '628120000009 is not on the opt-out list, so there is nothing to remove.'));
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeApiError);
		await expect(result).rejects.toMatchObject({ description: 'Sidecar error code: OPT_OUT_NOT_FOUND', context: { itemIndex: 0 } });
	});
});

describe('Contact → List Opt-Outs', () => {
	it('outputs one item per entry, up to the limit', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'listOptOuts', returnAll: false, limit: 2 });
		answers(ctx, { total: 5, limit: 2, offset: 0, optOuts: [entry(1), entry(2)] });
		expect(await run(ctx)).toEqual([
			{ json: entry(1), pairedItem: { item: 0 } },
			{ json: entry(2), pairedItem: { item: 0 } },
		]);
		expect(requests(ctx)).toEqual([{ method: 'GET', url: `${BASE_URL}/api/opt-outs`, json: true, qs: { limit: 2, offset: 0 } }]);
	});

	it('Return All pages by offset until the total', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'listOptOuts', returnAll: true });
		answers(ctx, { total: 3, optOuts: [entry(1), entry(2)] }, { total: 3, optOuts: [entry(3)] });
		expect((await run(ctx)).map((i) => i.json.contact)).toEqual([entry(1).contact, entry(2).contact, entry(3).contact]);
		expect(requests(ctx).map((r) => r.qs)).toEqual([{ limit: 500, offset: 0 }, { limit: 500, offset: 2 }]);
	});
});

describe('the opt-out operations\' descriptions', () => {
	it('tell a person and an AI agent what each does, needs and returns', () => {
		const operations = new WhatsAppSidecar().description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'contact')!;
		const byValue = Object.fromEntries((operations.options as Array<{ value: string; description: string }>).map((o) => [o.value, o.description]));
		expect(byValue.optOut).toMatch(/skipped.*OPTED_OUT.*Needs the contact.*Returns/s);
		expect(byValue.optIn).toMatch(/Needs the contact.*OPT_OUT_NOT_FOUND/s);
		expect(byValue.listOptOuts).toMatch(/Returns one item per person/);
	});
});
