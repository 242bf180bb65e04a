import { createChainWorkflow, nodeItems, runManually } from './support/flow';
import { TYPES } from './support/package';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SESSION = 'main';

/**
 * What a workflow author sees when a send fails, in a real n8n: n8n's HTTP helper throws
 * its own NodeApiError ("Bad request - please check your parameters") around the sidecar's
 * answer, so only a real n8n shows whether the sidecar's words and code get through.
 */
describe('e2e: a failed send, as the workflow sees it', () => {
	let stack: Stack;

	/** Manual Trigger → Code (the items) → Send Text to {{ $json.phone }}. */
	const sendWorkflow = (name: string, phones: Array<string | null>, onError?: string) =>
		createChainWorkflow(stack.n8n, name, stack.credentialId, [
			{
				name: 'Patients',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return ${JSON.stringify(phones.map((phone) => ({ json: phone === null ? {} : { phone } })))};` },
			},
			{
				name: 'Send Reminder',
				type: TYPES.sidecar,
				parameters: {
					resource: 'message',
					operation: 'sendText',
					session: { __rl: true, mode: 'id', value: SESSION },
					to: '={{ $json.phone }}',
					text: 'Your appointment is tomorrow at 10:00',
					options: {},
				},
				settings: onError ? { onError } : {},
			},
		]);

	beforeAll(async () => {
		stack = await startStack({ session: SESSION });
	});
	afterAll(async () => {
		await stack?.dispose();
	});

	it('with On Error → Continue, each failed item says {error: {code, message}} and the good one is sent', async () => {
		const { n8n, sidecar } = stack;
		const workflow = await sendWorkflow('Reminders (continue on error)', ['not a phone', null, '+1 555 000 4242'], 'continueRegularOutput');
		const run = await runManually(n8n, workflow.id, 'Start', { sidecar });
		expect(run.status).toBe('success');
		const [bad, empty, good] = nodeItems(run, 'Send Reminder').map((item: Json) => item.json);
		expect(bad.error).toMatchObject({ code: 'RECIPIENT_INVALID', message: expect.stringContaining('"not a phone" is not a WhatsApp number') });
		// An expression that found nothing is an empty To, not the text "undefined" sent to the sidecar.
		expect(empty.error).toMatchObject({ code: null, message: 'Enter who gets the message in "To"' });
		expect(good).toMatchObject({ status: 'queued', to: '15550004242@c.us' });
		expect((await sidecar.api('GET', `/api/messages/${good.jobId}`)).body).toMatchObject({ to: '15550004242@c.us' });
	});

	it("without it, the execution fails with the sidecar's own message and its code in the error", async () => {
		const { n8n, sidecar } = stack;
		const workflow = await sendWorkflow('Reminders (stop on error)', ['12']);
		const run = await runManually(n8n, workflow.id, 'Start', { sidecar });
		expect(run.status).toBe('error');
		const error = run.data.resultData.error as Json;
		expect(error.message).toMatch(/^"12" is not a WhatsApp number or chat id/);
		expect(error.message).not.toMatch(/Bad request/);
		expect(error.description).toBe('Sidecar error code: RECIPIENT_INVALID');
		expect(error.context).toMatchObject({ code: 'RECIPIENT_INVALID' });
	});
});
