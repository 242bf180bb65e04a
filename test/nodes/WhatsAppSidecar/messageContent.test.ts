import { NodeOperationError } from 'n8n-workflow';
import { messageDescription } from '../../../nodes/WhatsAppSidecar/actions/message';
import { answers, BASE_URL, executeContext, requests, run, type Params } from './context';

const queued = { jobId: 'j1', status: 'queued', duplicate: false };
const base = { resource: 'message', session: 'main', to: '+62 812 3456 789' };
const incoming = 'false_6281234567890@c.us_3A5F0B1C2D3E4F5A6B7C';

async function sentBody(params: Params): Promise<Record<string, unknown>> {
	const ctx = executeContext(params);
	answers(ctx, queued);
	const items = await run(ctx);
	expect(items).toEqual([{ json: queued, pairedItem: { item: 0 } }]);
	const [request] = requests(ctx);
	expect([request.method, request.url]).toEqual(['POST', `${BASE_URL}/api/sessions/main/messages`]);
	return request.body as Record<string, unknown>;
}

describe('Message → Reply', () => {
	it('quotes the message with a text, on the reply lane, with mentions', async () => {
		const body = await sentBody({ ...base, operation: 'reply', messageId: ` ${incoming} `, replyWith: 'text', text: 'See you then', options: { mentions: '+62 811 1000 222, 6281300001111@c.us' } });
		expect(body).toEqual({
			to: '+62 812 3456 789',
			text: 'See you then',
			replyTo: incoming,
			mentions: ['+62 811 1000 222', '6281300001111@c.us'],
			lane: 'reply',
			idempotencyKey: 'wf1:exec7:node-1:0:0:reply',
		});
	});

	it('quotes it with media from a URL and a caption; the Lane option still wins', async () => {
		const body = await sentBody({ ...base, operation: 'reply', messageId: incoming, replyWith: 'mediaUrl', mediaUrl: ' https://example.com/map.png ', caption: 'How to find us', options: { lane: 'bulk' } });
		expect(body).toMatchObject({ replyTo: incoming, media: { url: 'https://example.com/map.png' }, caption: 'How to find us', lane: 'bulk' });
		expect(body).not.toHaveProperty('text');
	});

	it('asks for the message ID when an expression found none, without calling the sidecar', async () => {
		const ctx = executeContext({ ...base, operation: 'reply', messageId: 'undefined', replyWith: 'text', text: 'x' });
		await expect(run(ctx)).rejects.toThrow(NodeOperationError);
		await expect(run(ctx)).rejects.toThrow(/Message ID/);
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});
});

describe('Message → React', () => {
	it('sends the emoji on the message, on the reply lane, without lane or number check', async () => {
		const body = await sentBody({ ...base, operation: 'react', messageId: incoming, emoji: ' ❤️ ', options: { reference: 'appt-7' } });
		expect(body).toEqual({ to: '+62 812 3456 789', reaction: { messageId: incoming, emoji: '❤️' }, lane: 'reply', reference: 'appt-7', idempotencyKey: 'wf1:exec7:node-1:0:0:react' });
	});

	it('sends an empty emoji to remove the reaction', async () => {
		const body = await sentBody({ ...base, operation: 'react', messageId: incoming, emoji: '' });
		expect(body.reaction).toEqual({ messageId: incoming, emoji: '' });
	});

	it('offers no Lane or Check Number option', () => {
		const options = messageDescription.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('react'));
		expect((options?.options as Array<{ name: string }>).map((o) => o.name)).not.toEqual(expect.arrayContaining(['lane']));
		expect((options?.options as Array<{ name: string }>).map((o) => o.name)).not.toContain('checkNumber');
	});
});

describe('Message → Send Location, Send Contact Card, Send Poll', () => {
	it('sends a location with its name and address, quoting a message when asked', async () => {
		const body = await sentBody({ ...base, operation: 'sendLocation', latitude: -6.2088, longitude: 106.8456, locationName: ' Clinic North ', address: '', options: { replyTo: incoming } });
		expect(body).toMatchObject({ location: { latitude: -6.2088, longitude: 106.8456, name: 'Clinic North' }, replyTo: incoming, lane: 'bulk' });
		expect(body.location).not.toHaveProperty('address');
	});

	it('sends every contact card given', async () => {
		const body = await sentBody({ ...base, operation: 'sendContact', 'contacts.contact': [{ name: ' Dr. Sari ', phone: '+62 812 0000 1111' }, { name: 'Front desk', phone: '0812 0000 2222' }] });
		expect(body.contacts).toEqual([{ name: 'Dr. Sari', phone: '+62 812 0000 1111' }, { name: 'Front desk', phone: '0812 0000 2222' }]);
	});

	it('refuses an empty list of contacts before calling the sidecar', async () => {
		const ctx = executeContext({ ...base, operation: 'sendContact', 'contacts.contact': [] });
		await expect(run(ctx)).rejects.toThrow(/at least one contact/);
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	it('sends a poll from a list of options, or from lines an expression gave', async () => {
		const list = await sentBody({ ...base, operation: 'sendPoll', question: 'Monday 10:00?', pollOptions: ['Yes', ' Reschedule ', ''], multiple: false });
		expect(list.poll).toEqual({ question: 'Monday 10:00?', options: ['Yes', 'Reschedule'], multiple: false });
		const lines = await sentBody({ ...base, operation: 'sendPoll', question: 'Which days?', pollOptions: 'Mon\nTue\nWed', multiple: true });
		expect(lines.poll).toEqual({ question: 'Which days?', options: ['Mon', 'Tue', 'Wed'], multiple: true });
	});
});

describe('Message → Send Text and Send Media: Reply To and Mentions', () => {
	it('adds a quote and mentions when given, and nothing when empty', async () => {
		const quoted = await sentBody({ ...base, operation: 'sendText', text: '@6281110002222 hi', options: { replyTo: incoming, mentions: '6281110002222\n' } });
		expect(quoted).toMatchObject({ text: '@6281110002222 hi', replyTo: incoming, mentions: ['6281110002222'] });
		const plain = await sentBody({ ...base, operation: 'sendText', text: 'hi', options: { replyTo: '', mentions: ' ' } });
		expect(plain).not.toHaveProperty('replyTo');
		expect(plain).not.toHaveProperty('mentions');
	});

	it('describes every new operation for a person and an AI agent', () => {
		const operation = messageDescription.find((p) => p.name === 'operation');
		const described = (operation?.options as Array<{ value: string; description: string }>).filter((o) =>
			['react', 'reply', 'sendContact', 'sendLocation', 'sendPoll'].includes(o.value),
		);
		expect(described).toHaveLength(5);
		for (const option of described) expect(option.description.length).toBeGreaterThan(80);
	});
});
