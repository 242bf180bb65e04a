import { NodeApiError } from 'n8n-workflow';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure } from './context';

const api = (path: string) => `${BASE_URL}/api/sessions/main${path}`;

describe('Chat → List Chats', () => {
	const chat = (n: number) => ({ id: `62812000000${n}@c.us`, name: `Patient ${n}`, unreadCount: n });

	it('outputs one item per chat, up to the limit', async () => {
		const ctx = executeContext({ resource: 'chat', operation: 'list', session: 'main', returnAll: false, limit: 2 });
		answers(ctx, { chats: [chat(1), chat(2)], nextCursor: 'c2', total: 5 });
		expect(await run(ctx)).toEqual([
			{ json: chat(1), pairedItem: { item: 0 } },
			{ json: chat(2), pairedItem: { item: 0 } },
		]);
		expect(requests(ctx)).toEqual([{ method: 'GET', url: api('/chats'), json: true, qs: { limit: 2 } }]);
	});

	it('Return All follows the cursor page by page', async () => {
		const ctx = executeContext({ resource: 'chat', operation: 'list', session: 'main', returnAll: true });
		answers(ctx, { chats: [chat(1), chat(2)], nextCursor: 'c2' }, { chats: [chat(3)], nextCursor: null });
		expect((await run(ctx)).map((i) => i.json.id)).toEqual([chat(1).id, chat(2).id, chat(3).id]);
		expect(requests(ctx).map((r) => r.qs)).toEqual([{ limit: 100 }, { limit: 100, cursor: 'c2' }]);
	});
});

describe('Chat → Get Messages', () => {
	it('outputs one item per message, newest first, with nextBefore; before and limit go in the query', async () => {
		const ctx = executeContext({ resource: 'chat', operation: 'getMessages', session: 'main', chat: '+62 812 0000 001', limit: 2, before: ' false_X ' });
		answers(ctx, { chatId: '628120000001@c.us', messages: [{ id: 'm2', text: 'later' }, { id: 'm1', text: 'earlier' }], nextBefore: 'm1' });
		expect(await run(ctx)).toEqual([
			{ json: { id: 'm2', text: 'later', nextBefore: 'm1' }, pairedItem: { item: 0 } },
			{ json: { id: 'm1', text: 'earlier', nextBefore: 'm1' }, pairedItem: { item: 0 } },
		]);
		expect(requests(ctx)).toEqual([
			{ method: 'GET', url: api(`/chats/${encodeURIComponent('+62 812 0000 001')}/messages`), json: true, qs: { limit: 2, before: 'false_X' } },
		]);
	});

	it('an unknown chat fails with the sidecar\'s words, on its item', async () => {
		const ctx = executeContext({ resource: 'chat', operation: 'getMessages', session: 'main', chat: '628120000099', limit: 20 });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(sidecarFailure(404, 'CHAT_NOT_FOUND', 'This WhatsApp account has no chat with "628120000099".'));
		const result = run(ctx);
		await expect(result).rejects.toBeInstanceOf(NodeApiError);
		await expect(result).rejects.toMatchObject({ description: 'Sidecar error code: CHAT_NOT_FOUND', context: { itemIndex: 0 } });
	});

	it('an empty chat field fails before asking the sidecar', async () => {
		const ctx = executeContext({ resource: 'chat', operation: 'getMessages', session: 'main', chat: '  ' });
		await expect(run(ctx)).rejects.toThrow('Enter the chat');
		expect(requests(ctx)).toEqual([]);
	});
});

describe('Chat actions', () => {
	it.each([
		['markRead', '/read', undefined],
		['archive', '/archive', undefined],
		['unarchive', '/unarchive', undefined],
		['unmute', '/unmute', undefined],
	])('%s posts to …/chats/:chat%s', async (operation, suffix) => {
		const ctx = executeContext({ resource: 'chat', operation, session: 'main', chat: '628120000001@c.us' });
		answers(ctx, { chatId: '628120000001@c.us' });
		expect(await run(ctx)).toEqual([{ json: { chatId: '628120000001@c.us' }, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([{ method: 'POST', url: api(`/chats/628120000001%40c.us${suffix}`), json: true }]);
	});

	it.each([
		[{ state: 'typing', seconds: 5 }, { state: 'typing', seconds: 5 }],
		[{ state: 'recording', seconds: 20 }, { state: 'recording', seconds: 20 }],
		[{ state: 'paused', seconds: 5 }, { state: 'paused' }],
	])('Set Presence %j sends %j', async (params, body) => {
		const ctx = executeContext({ resource: 'chat', operation: 'setPresence', session: 'main', chat: '628120000001', ...params });
		answers(ctx, { chatId: '628120000001@c.us', state: params.state });
		await run(ctx);
		expect(requests(ctx)).toEqual([{ method: 'POST', url: api('/chats/628120000001/presence'), json: true, body }]);
	});

	it.each([
		[{ muteFor: '8h' }, { seconds: 8 * 3600 }],
		[{ muteFor: '1w' }, { seconds: 7 * 86_400 }],
		[{ muteFor: 'always' }, {}],
		[{ muteFor: 'until', until: '2030-01-02T03:04:05+07:00' }, { until: '2030-01-01T20:04:05.000Z' }],
	])('Mute %j sends %j', async (params, body) => {
		const ctx = executeContext({ resource: 'chat', operation: 'mute', session: 'main', chat: '628120000001', ...params });
		answers(ctx, { chatId: '628120000001@c.us', muted: true });
		await run(ctx);
		expect(requests(ctx)).toEqual([{ method: 'POST', url: api('/chats/628120000001/mute'), json: true, body }]);
	});

	it('Mute until an empty date fails on its item', async () => {
		const ctx = executeContext({ resource: 'chat', operation: 'mute', session: 'main', chat: '628120000001', muteFor: 'until', until: '' });
		await expect(run(ctx)).rejects.toMatchObject({ message: expect.stringContaining('the mute ends'), context: { itemIndex: 0 } });
	});
});

describe('Contact → Get Profile, Block, Unblock', () => {
	it('Get Profile outputs what the sidecar answers', async () => {
		const profile = { id: '628120000001@c.us', about: 'Hi', profilePictureUrl: null, isBusiness: false };
		const ctx = executeContext({ resource: 'contact', operation: 'getProfile', session: 'main', contact: '+62 812 0000 001' });
		answers(ctx, profile);
		expect(await run(ctx)).toEqual([{ json: profile, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([{ method: 'GET', url: api(`/contacts/${encodeURIComponent('+62 812 0000 001')}/profile`), json: true }]);
	});

	it.each(['block', 'unblock'])('%s posts to …/contacts/:contact/%s', async (operation) => {
		const ctx = executeContext({ resource: 'contact', operation, session: 'main', contact: '201000000000001@lid' });
		answers(ctx, { contactId: '201000000000001@lid', blocked: operation === 'block' });
		expect(await run(ctx)).toEqual([{ json: { contactId: '201000000000001@lid', blocked: operation === 'block' }, pairedItem: { item: 0 } }]);
		expect(requests(ctx)).toEqual([{ method: 'POST', url: api(`/contacts/201000000000001%40lid/${operation}`), json: true }]);
	});

	it('an empty contact fails before asking the sidecar', async () => {
		const ctx = executeContext({ resource: 'contact', operation: 'getProfile', session: 'main', contact: '' });
		await expect(run(ctx)).rejects.toThrow('Enter the contact');
		expect(requests(ctx)).toEqual([]);
	});
});

describe('descriptions for a person and an AI agent', () => {
	it('every chat and contact operation says what it needs and returns', async () => {
		const { WhatsAppSidecar } = await import('../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node');
		const operations = new WhatsAppSidecar().description.properties.filter(
			(p) => p.name === 'operation' && ['chat', 'contact'].some((r) => p.displayOptions?.show?.resource?.includes(r)),
		);
		const options = operations.flatMap((p) => (p.options ?? []) as Array<{ value: string; description?: string }>);
		expect(options.map((o) => o.value).sort()).toEqual(
			['archive', 'block', 'checkNumber', 'getMessages', 'getProfile', 'list', 'markRead', 'mute', 'setPresence', 'unarchive', 'unblock', 'unmute', ...['listOptOuts', 'optIn', 'optOut']].sort(),
		);
		for (const option of options.filter((o) => o.value !== 'checkNumber')) expect(option.description).toMatch(/Needs|Returns/);
		expect(options.find((o) => o.value === 'getMessages')?.description).toMatch(/last messages of a chat/);
		expect(options.find((o) => o.value === 'getProfile')?.description).toMatch(/Look a contact up/);
	});
});
