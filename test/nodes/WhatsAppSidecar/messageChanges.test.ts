import { messageDescription } from '../../../nodes/WhatsAppSidecar/actions/message';
import { answers, BASE_URL, executeContext, requests, run, type Params } from './context';

const job = { jobId: 'msg_edit', status: 'queued', duplicate: false };
const sentId = 'true_6281234567890@c.us_3EB0A1B2C3D4E5F6';

async function request(params: Params, items?: Parameters<typeof executeContext>[1]) {
	const ctx = executeContext({ resource: 'message', ...params }, items);
	answers(ctx, job);
	expect(await run(ctx)).toEqual([{ json: job, pairedItem: { item: 0 } }]);
	return requests(ctx)[0];
}

describe('Message → Edit', () => {
	it('posts the new text for the job, with a key safe to repeat', async () => {
		const sent = await request({ operation: 'edit', jobId: ' msg_1 ', text: 'See you at 11' });
		expect([sent.method, sent.url]).toEqual(['POST', `${BASE_URL}/api/messages/msg_1/edit`]);
		expect(sent.body).toEqual({ text: 'See you at 11', idempotencyKey: 'wf1:exec7:node-1:0:0:edit' });
	});

	it('takes the reference from the input item\'s id unless given', async () => {
		const sent = await request({ operation: 'edit', jobId: 'msg_1', text: 'x', options: {} }, [{ json: { id: 42 } }]);
		expect(sent.body).toMatchObject({ reference: 42 });
	});

	it('asks for the job ID and the text without calling the sidecar', async () => {
		for (const params of [{ jobId: 'undefined', text: 'x' }, { jobId: 'msg_1', text: '  ' }]) {
			const ctx = executeContext({ resource: 'message', operation: 'edit', ...params });
			await expect(run(ctx)).rejects.toThrow(/Job ID|New Text/);
			expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
		}
	});
});

describe('Message → Delete', () => {
	it('deletes for everyone by default, for me when chosen', async () => {
		const everyone = await request({ operation: 'delete', jobId: 'msg_1' });
		expect([everyone.method, everyone.url, everyone.qs]).toEqual(['DELETE', `${BASE_URL}/api/messages/msg_1`, { for: 'everyone' }]);
		expect(everyone.body).toEqual({ idempotencyKey: 'wf1:exec7:node-1:0:0:delete' });
		const me = await request({ operation: 'delete', jobId: 'msg_1', deleteFor: 'me', options: { reference: 'tidy' } });
		expect([me.qs, me.body]).toEqual([{ for: 'me' }, { idempotencyKey: 'wf1:exec7:node-1:0:0:delete', reference: 'tidy' }]);
	});
});

describe('Message → Forward', () => {
	it('posts the recipient to the message\'s forward route of the session, with lane and number check when asked', async () => {
		const sent = await request({ operation: 'forward', session: 'main', messageId: ` ${sentId} `, to: ' +62 811 1000 222 ', options: { lane: 'reply', checkNumber: true } });
		expect([sent.method, sent.url]).toEqual(['POST', `${BASE_URL}/api/sessions/main/messages/${encodeURIComponent(sentId)}/forward`]);
		expect(sent.body).toEqual({ to: '+62 811 1000 222', lane: 'reply', checkNumber: true, idempotencyKey: 'wf1:exec7:node-1:0:0:forward' });
	});

	it('asks for who gets it without calling the sidecar', async () => {
		const ctx = executeContext({ resource: 'message', operation: 'forward', session: 'main', messageId: sentId, to: '' });
		await expect(run(ctx)).rejects.toThrow(/"To"/);
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});
});

describe('the descriptions', () => {
	it('offer only the options the routes take', () => {
		const optionsOf = (operation: string) =>
			(messageDescription.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes(operation))?.options as Array<{ name: string }>).map((o) => o.name);
		expect(optionsOf('edit')).toEqual(['idempotencyKey', 'reference']);
		expect(optionsOf('delete')).toEqual(['idempotencyKey', 'reference']);
		expect(optionsOf('forward')).toEqual(['checkNumber', 'idempotencyKey', 'lane', 'reference']);
	});

	it('tell a person and an AI agent what each needs and returns', () => {
		const operation = messageDescription.find((p) => p.name === 'operation');
		const described = (operation?.options as Array<{ value: string; description: string }>).filter((o) => ['edit', 'delete', 'forward'].includes(o.value));
		expect(described).toHaveLength(3);
		for (const o of described) expect(o.description).toMatch(/Needs .*[Rr]eturns/s);
	});
});
