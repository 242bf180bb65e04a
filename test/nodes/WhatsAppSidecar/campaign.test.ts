import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure, type Params } from './context';

const contacts = [
	{ id: 'c-1', phone: '+62 813 0000 0001', name: 'Ani', visits: 3, vip: true, tags: ['a'], note: null },
	{ id: 'c-2', phone: '+62 813 0000 0002', name: 'Budi', visits: 0, vip: false, tags: [], note: 'x' },
	{ id: 'c-3', phone: '+62 813 0000 0003', name: 'Citra', visits: 1, vip: false, tags: [], note: null },
];
const items = contacts.map((json) => ({ json }));
const view = { campaignId: 'cmp_1', name: 'Spring sale', state: 'running', total: 3, duplicate: false };

/** Campaign → Create's parameters as n8n gives them: To is an expression read per item. */
function createParams(extra: Params = {}): Params {
	return {
		resource: 'campaign',
		operation: 'create',
		name: ' Spring sale ',
		sessions: ['main', 'second'],
		to: (i: number) => contacts[i]?.phone,
		messageFrom: 'template',
		template: 'Hi {{name}}!',
		variablesFrom: 'allFields',
		reference: '',
		options: {},
		...extra,
	};
}

describe('Campaign → Create', () => {
	it('makes ONE campaign from all the items: one request, one output item paired with every input item', async () => {
		const ctx = executeContext(createParams(), items);
		answers(ctx, view);
		expect(await run(ctx)).toEqual([{ json: view, pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }] }]);
		expect(requests(ctx)).toEqual([
			{
				method: 'POST',
				url: `${BASE_URL}/api/campaigns`,
				json: true,
				body: {
					name: 'Spring sale',
					sessions: ['main', 'second'],
					template: 'Hi {{name}}!',
					idempotencyKey: 'wf1:exec7:node-1:0:campaign',
					messages: [
						{ to: '+62 813 0000 0001', reference: 'c-1', variables: { id: 'c-1', phone: '+62 813 0000 0001', name: 'Ani', visits: 3, vip: true, tags: '["a"]', note: null } },
						{ to: '+62 813 0000 0002', reference: 'c-2', variables: { id: 'c-2', phone: '+62 813 0000 0002', name: 'Budi', visits: 0, vip: false, tags: '[]', note: 'x' } },
						{ to: '+62 813 0000 0003', reference: 'c-3', variables: { id: 'c-3', phone: '+62 813 0000 0003', name: 'Citra', visits: 1, vip: false, tags: '[]', note: null } },
					],
				},
			},
		]);
	});

	it('takes variables from name/value pairs when asked, and the sessions as comma-separated text', async () => {
		const ctx = executeContext(
			createParams({
				sessions: ' main, second ,main',
				variablesFrom: 'list',
				variables: (i: number) => ({ values: [{ name: ' first ', value: contacts[i].name }, { name: '', value: 'dropped' }, { name: 'n', value: i }] }),
			}),
			items,
		);
		answers(ctx, view);
		await run(ctx);
		const body = requests(ctx)[0].body as { sessions: string[]; messages: Array<{ variables: object }> };
		expect(body.sessions).toEqual(['main', 'second']);
		expect(body.messages.map((m) => m.variables)).toEqual([
			{ first: 'Ani', n: 0 },
			{ first: 'Budi', n: 1 },
			{ first: 'Citra', n: 2 },
		]);
	});

	it('sends a text per contact without template or variables when Text per Contact is chosen', async () => {
		const ctx = executeContext(createParams({ messageFrom: 'text', text: (i: number) => `Hello ${contacts[i].name}` }), items);
		answers(ctx, view);
		await run(ctx);
		const body = requests(ctx)[0].body as Record<string, unknown>;
		expect(body.template).toBeUndefined();
		expect(body.messages).toEqual(contacts.map((c) => ({ to: c.phone, text: `Hello ${c.name}`, reference: c.id })));
	});

	it('reads the reference per item like the Message resource: {…}/[…] is JSON, anything else text', async () => {
		const references = ['{"contactId": 1}', '[1, 2]', ' 17 '];
		const ctx = executeContext(createParams({ reference: (i: number) => references[i] }), items);
		answers(ctx, view);
		await run(ctx);
		const body = requests(ctx)[0].body as { messages: Array<{ reference: unknown }> };
		expect(body.messages.map((m) => m.reference)).toEqual([{ contactId: 1 }, [1, 2], ' 17 ']);
	});

	it('passes the options: send window in the workflow\'s time zone, strategy, number check, own idempotency key', async () => {
		const options = { sendAfter: '2030-01-31T09:00:00', sendBefore: '2030-01-31T17:00:00+07:00', strategy: 'hold', checkNumber: true, idempotencyKey: ' sale-2030 ' };
		const ctx = executeContext(createParams({ options }), items);
		answers(ctx, view);
		await run(ctx);
		expect(requests(ctx)[0].body).toMatchObject({
			sendAfter: '2030-01-31T02:00:00.000Z',
			sendBefore: '2030-01-31T10:00:00.000Z',
			strategy: 'hold',
			checkNumber: true,
			idempotencyKey: 'sale-2030',
		});
	});

	it('a later run of the node (a loop) gets its own default key', async () => {
		const ctx = executeContext(createParams(), items);
		ctx.getWorkflowDataProxy.mockReturnValue({ $thisRunIndex: 2 } as never);
		answers(ctx, view);
		await run(ctx);
		expect(requests(ctx)[0].body).toMatchObject({ idempotencyKey: 'wf1:exec7:node-1:2:campaign' });
	});

	it('a contact without a recipient fails on its own item, before anything is sent', async () => {
		const many = Array.from({ length: 7 }, (_, i) => ({ json: { phone: i === 5 ? '' : `62813000000${i}`, name: `C${i}` } }));
		const ctx = executeContext(createParams({ to: (i: number) => many[i].json.phone }), many);
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeOperationError);
		await expect(result).rejects.toMatchObject({ message: 'A contact has no recipient in "To"', context: { itemIndex: 5 } });
		expect(requests(ctx)).toEqual([]);
	});

	it('an expression that found no phone ("undefined") is a missing recipient too', async () => {
		const ctx = executeContext(createParams({ to: (i: number) => (i === 1 ? 'undefined' : contacts[i].phone) }), items);
		await expect(run(ctx)).rejects.toMatchObject({ context: { itemIndex: 1 } });
	});

	it('Text per Contact with an empty text fails on that item', async () => {
		const ctx = executeContext(createParams({ messageFrom: 'text', text: (i: number) => (i === 2 ? ' ' : 'Hi') }), items);
		await expect(run(ctx)).rejects.toMatchObject({ message: 'A contact has no text', context: { itemIndex: 2 } });
	});

	it('refuses an empty name, no sessions, an empty template or a bad date before asking the sidecar', async () => {
		for (const [extra, message] of [
			[{ name: ' ' }, 'Enter a name for the campaign'],
			[{ sessions: [] }, 'Choose the sessions that send the campaign'],
			[{ sessions: ' , ' }, 'Choose the sessions that send the campaign'],
			[{ template: '' }, 'Enter the template'],
			[{ options: { sendBefore: 'tomorrow-ish' } }, '"Send Before" is not a date and time: tomorrow-ish'],
		] as Array<[Params, string]>) {
			const ctx = executeContext(createParams(extra), items);
			await expect(run(ctx)).rejects.toMatchObject({ message });
			expect(requests(ctx)).toEqual([]);
		}
	});

	it('a problem the sidecar finds in one contact\'s message is reported on that item', async () => {
		const ctx = executeContext(createParams(), items);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(
			sidecarFailure(400, 'VALIDATION_FAILED', 'The request is not valid: messages.2.to: Required', { problems: [{ field: 'messages.2.to', problem: 'Required' }] }),
		);
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeApiError);
		await expect(result).rejects.toMatchObject({ description: 'Sidecar error code: VALIDATION_FAILED', context: { itemIndex: 2, code: 'VALIDATION_FAILED' } });
	});

	it('a problem of the campaign itself (an unknown session) is not put on an item', async () => {
		const ctx = executeContext(createParams(), items);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(sidecarFailure(404, 'SESSION_NOT_FOUND', 'There is no session "second".'));
		const result = run(ctx);
		await expect(result).rejects.toMatchObject({ message: 'There is no session "second".', context: { code: 'SESSION_NOT_FOUND' } });
		await expect(result).rejects.not.toMatchObject({ context: { itemIndex: expect.anything() } });
	});

	it('with On Error → Continue, a failure is one item paired with every input item', async () => {
		const ctx = executeContext(createParams(), items);
		ctx.continueOnFail.mockReturnValue(true);
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(sidecarFailure(409, 'IDEMPOTENCY_KEY_REUSED', 'This key was used for another campaign.'));
		expect(await run(ctx)).toEqual([
			{
				json: { error: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', message: 'This key was used for another campaign.' }) },
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
	});

	it('with no input items, creates nothing', async () => {
		const ctx = executeContext(createParams(), []);
		expect(await run(ctx)).toEqual([]);
		expect(requests(ctx)).toEqual([]);
	});
});

describe('Campaign → Get Status, Pause, Resume, Cancel', () => {
	it.each([
		['getStatus', 'GET', ''],
		['pause', 'POST', '/pause'],
		['resume', 'POST', '/resume'],
		['cancel', 'POST', '/cancel'],
	])('%s calls %s /api/campaigns/:id%s once per item and outputs the campaign', async (operation, method, suffix) => {
		const ctx = executeContext({ resource: 'campaign', operation, campaignId: (i: number) => ` cmp_${i} ` }, [{ json: {} }, { json: {} }]);
		answers(ctx, { campaignId: 'cmp_0' }, { campaignId: 'cmp_1' });
		expect(await run(ctx)).toEqual([
			{ json: { campaignId: 'cmp_0' }, pairedItem: { item: 0 } },
			{ json: { campaignId: 'cmp_1' }, pairedItem: { item: 1 } },
		]);
		expect(requests(ctx)).toEqual([0, 1].map((i) => ({ method, url: `${BASE_URL}/api/campaigns/cmp_${i}${suffix}`, json: true })));
	});

	it('an empty campaign ID fails before asking; the sidecar\'s CAMPAIGN_NOT_ACTIVE shows on its item', async () => {
		const empty = executeContext({ resource: 'campaign', operation: 'pause', campaignId: '' });
		await expect(run(empty)).rejects.toMatchObject({ message: 'Enter the campaign ID', context: { itemIndex: 0 } });
		expect(requests(empty)).toEqual([]);

		const ctx = executeContext({ resource: 'campaign', operation: 'resume', campaignId: 'cmp_9' });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(sidecarFailure(409, 'CAMPAIGN_NOT_ACTIVE', 'The campaign has finished.'));
		await expect(run(ctx)).rejects.toMatchObject({ description: 'Sidecar error code: CAMPAIGN_NOT_ACTIVE', context: { itemIndex: 0 } });
	});
});

describe('Campaign → List Messages', () => {
	const job = (n: number) => ({ jobId: `job_${n}`, status: 'sent', campaignId: 'cmp_1' });

	it('pages through nextCursor with the chosen statuses until Return All has everything', async () => {
		const ctx = executeContext({ resource: 'campaign', operation: 'listMessages', campaignId: 'cmp_1', statuses: ['failed', 'skipped'], returnAll: true });
		answers(ctx, { jobs: [job(1), job(2)], nextCursor: 'c2' }, { jobs: [job(3)], nextCursor: null });
		expect(await run(ctx)).toEqual([1, 2, 3].map((n) => ({ json: job(n), pairedItem: { item: 0 } })));
		expect(requests(ctx)).toEqual([
			{ method: 'GET', url: `${BASE_URL}/api/campaigns/cmp_1/messages`, json: true, qs: { limit: 1000, status: 'failed,skipped' } },
			{ method: 'GET', url: `${BASE_URL}/api/campaigns/cmp_1/messages`, json: true, qs: { limit: 1000, status: 'failed,skipped', cursor: 'c2' } },
		]);
	});

	it('stops at the limit, asking only for what is missing, with no status filter when none is chosen', async () => {
		const ctx = executeContext({ resource: 'campaign', operation: 'listMessages', campaignId: 'cmp_1', statuses: [], returnAll: false, limit: 3 });
		answers(ctx, { jobs: [job(1), job(2)], nextCursor: 'c2' }, { jobs: [job(3)], nextCursor: 'c3' });
		expect((await run(ctx)).map((i) => i.json.jobId)).toEqual(['job_1', 'job_2', 'job_3']);
		expect(requests(ctx).map((r) => r.qs)).toEqual([{ limit: 3 }, { limit: 1, cursor: 'c2' }]);
	});
});

describe('the campaign operations\' descriptions', () => {
	const properties = new WhatsAppSidecar().description.properties;

	it('tell a person and an AI agent what each does, needs and returns', () => {
		const operations = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'campaign')!;
		const byValue = Object.fromEntries((operations.options as Array<{ value: string; description: string }>).map((o) => [o.value, o.description]));
		expect(Object.keys(byValue).sort()).toEqual(['cancel', 'create', 'getStatus', 'listMessages', 'pause', 'resume']);
		expect(byValue.create).toMatch(/ALL the input items together make ONE campaign.*Needs.*Returns one item/s);
		for (const operation of ['cancel', 'getStatus', 'listMessages', 'pause', 'resume']) expect(byValue[operation]).toMatch(/Needs the campaign ID/);
		for (const operation of ['cancel', 'listMessages', 'pause', 'resume']) expect(byValue[operation]).toMatch(/Returns/);
	});

	it('say the template stays in Fixed mode, and To defaults to the item\'s phone', () => {
		const create = (name: string) => properties.find((p) => p.name === name && p.displayOptions?.show?.resource?.[0] === 'campaign');
		expect(create('template')?.description).toMatch(/Fixed mode.*\{\{ '\{\{' \}\}name\}\}/s);
		expect(create('to')?.default).toBe('={{ $json.phone }}');
		expect(new WhatsAppSidecar().methods.loadOptions.getSessions).toBeInstanceOf(Function);
	});
});
