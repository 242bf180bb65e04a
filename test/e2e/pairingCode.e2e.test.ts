import { randomUUID } from 'crypto';
import { pollUntil } from '../support/poll';
import { activate, createChainWorkflow, executions, failureContext, nodeItems, runManually, subscriptions } from './support/flow';
import { TYPES } from './support/package';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SESSION = 'by-code';
const PHONE = '+62 812 0000 4242';
const DIGITS = '6281200004242';

/**
 * Session → Get Pairing Code in a real n8n: the code it outputs links the fake phone (no QR
 * scanned), the Session Trigger's New Pairing Code event brings the same code, and once the
 * session is linked the operation answers "already connected" instead of asking WhatsApp.
 */
describe('e2e: pairing code', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack();
	});
	afterAll(async () => {
		await stack?.dispose();
	});

	/** A workflow of only the Session Trigger, for New Pairing Code events of SESSION; its id, once the sidecar has its subscription. */
	async function pairingCodeTrigger(): Promise<string> {
		const { n8n, sidecar, credentialId } = stack;
		const workflow = await n8n.api('POST', '/workflows', {
			name: 'Pairing codes',
			nodes: [
				{
					parameters: { sessions: [SESSION], events: ['session.pairing_code'] },
					id: randomUUID(),
					name: 'On Pairing Code',
					type: TYPES.sessionTrigger,
					typeVersion: 1,
					position: [0, 0],
					webhookId: randomUUID(),
					credentials: { [TYPES.credential]: { id: credentialId, name: 'WhatsApp Sidecar (e2e)' } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await activate(n8n, workflow.id);
		await pollUntil(
			() => subscriptions(sidecar),
			(list) => list.some((s) => String(s.url).startsWith(`${n8n.url}/webhook/`) && (s.events as string[]).includes('session.pairing_code')),
			{ timeoutMs: 30_000, everyMs: 200, what: 'the trigger subscription', context: () => failureContext(n8n, [], sidecar) },
		);
		return workflow.id as string;
	}

	it('outputs a code the phone links with; the trigger gets it too; a linked session needs none', async () => {
		const { n8n, sidecar, credentialId, fake } = stack;
		const triggerId = await pairingCodeTrigger();
		expect((await sidecar.api('POST', '/api/sessions', { id: SESSION })).status).toBe(201);
		await sidecar.waitForStatus(SESSION, 'SCAN_QR');

		const workflow = await createChainWorkflow(n8n, 'Get a pairing code', credentialId, [
			{
				name: 'Get Pairing Code',
				type: TYPES.sidecar,
				parameters: { resource: 'session', operation: 'getPairingCode', session: { __rl: true, mode: 'id', value: SESSION }, phone: PHONE },
			},
		]);
		const run = await runManually(n8n, workflow.id, 'Start', { sidecar });
		expect(run.status).toBe('success');
		const [item] = nodeItems(run, 'Get Pairing Code');
		expect(item.json).toEqual({ status: 'SCAN_QR', codeNeeded: true, code: expect.stringMatching(/^[1-9A-Z]{8}$/), phone: DIGITS, expiresAt: expect.any(String), count: 1 });

		// The trigger's execution carries the same code.
		const [triggered] = await pollUntil(
			() => executions(n8n, triggerId),
			(list) => list.some((e) => e.status === 'success'),
			{ timeoutMs: 30_000, everyMs: 250, what: 'the trigger execution', context: () => failureContext(n8n, [], sidecar) },
		);
		expect(nodeItems(triggered, 'On Pairing Code')[0].json).toMatchObject({ code: item.json.code, phone: DIGITS, session: SESSION, eventType: 'session.pairing_code' });

		await fake.enterPairingCode(item.json.code, { phone: DIGITS });
		await sidecar.waitForStatus(SESSION, 'READY');

		const again = await runManually(n8n, workflow.id, 'Start', { sidecar });
		expect(again.status).toBe('success');
		expect(nodeItems(again, 'Get Pairing Code')[0].json as Json).toMatchObject({ status: 'READY', codeNeeded: false });
		expect(fake.phone(DIGITS).linkCodeRequests).toHaveLength(1);
	});
});
