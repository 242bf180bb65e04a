import type { INodeProperties } from 'n8n-workflow';
import { polling } from '../../../nodes/WhatsAppSidecar/actions/message/waitUntilSent';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';
import { answers, executeContext, requests, run, type Params } from './context';

/** The "Send Before" option of the Send operations (issue 15). */
describe('Message → Send Before', () => {
	const sendText: Params = { resource: 'message', operation: 'sendText', session: 'main', to: '+62 812 3456 789', text: 'Hello' };
	const queued = { jobId: 'j1', status: 'queued', duplicate: false };

	/** The option names of the Options collection shown for a message operation. */
	const optionsOf = (operation: string): string[] => {
		const collection = new WhatsAppSidecar().description.properties.find(
			(p) => p.name === 'options' && p.displayOptions?.show?.resource?.includes('message') && p.displayOptions?.show?.operation?.includes(operation),
		);
		return ((collection?.options ?? []) as INodeProperties[]).map((o) => o.name);
	};

	it.each(['sendText', 'sendMedia', 'reply', 'sendLocation', 'sendContact', 'sendPoll'])('is offered on %s', (operation) => {
		expect(optionsOf(operation)).toContain('sendBefore');
	});

	it('is not offered on React (a reaction goes on the reply lane at once)', () => {
		expect(optionsOf('react')).not.toContain('sendBefore');
		expect(optionsOf('react').length).toBeGreaterThan(0);
	});

	it('sends the deadline, read in the workflow time zone, with Send At', async () => {
		const ctx = executeContext({ ...sendText, options: { sendAt: '2030-01-02T08:00:00', sendBefore: '2030-01-02T09:00:00' } });
		answers(ctx, queued);
		await run(ctx);
		// 09:00 in Jakarta (UTC+7)
		expect(requests(ctx)[0].body).toMatchObject({ sendAt: '2030-01-02T01:00:00.000Z', sendBefore: '2030-01-02T02:00:00.000Z' });
	});

	it('sends no deadline when the option is empty', async () => {
		const ctx = executeContext({ ...sendText, options: { sendBefore: '' } });
		answers(ctx, queued);
		await run(ctx);
		expect(requests(ctx)[0].body).not.toHaveProperty('sendBefore');
	});

	it('refuses a Send Before that is not a date, naming the item, without calling the sidecar', async () => {
		const ctx = executeContext({ ...sendText, options: { sendBefore: 'before lunch' } });
		await expect(run(ctx)).rejects.toMatchObject({ message: expect.stringContaining('"Send Before" is not a date'), context: { itemIndex: 0 } });
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	describe('with Wait Until Sent', () => {
		const interval = polling.intervalMs;
		beforeAll(() => (polling.intervalMs = 1));
		afterAll(() => (polling.intervalMs = interval));

		it('stops with the reason when the message expires', async () => {
			const ctx = executeContext({ ...sendText, options: { waitUntilSent: true, sendBefore: '2030-01-02T09:00:00' } });
			answers(ctx, queued, {
				jobId: 'j1',
				status: 'expired',
				error: { code: 'SEND_WINDOW_PASSED', message: 'This message was not sent by its sendBefore time, so it was never sent.' },
			});
			await expect(run(ctx)).rejects.toMatchObject({
				message: expect.stringContaining('never sent'),
				description: 'Job j1 is expired (sidecar error code: SEND_WINDOW_PASSED).',
				context: { itemIndex: 0 },
			});
		});
	});
});
