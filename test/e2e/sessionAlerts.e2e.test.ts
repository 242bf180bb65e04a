import path from 'path';
import { pollUntil } from '../support/poll';
import { activate, createWorkflowFromFile, executions, failureContext, subscriptions } from './support/flow';
import { restartN8n } from './support/n8n';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EXAMPLE = path.resolve(__dirname, '../../examples/session-alerts.json');
const USER_ENDPOINT = 'https://hooks.example.com/your-alert-webhook';
const ALERTS = '/alerts';
const SESSION = 'main';

/**
 * examples/session-alerts.json in a real n8n: the WhatsApp Session Trigger turns session
 * status changes that need a person (logged out, failed, QR to scan) into a POST to your
 * endpoint, and keeps doing so after n8n itself restarted (the sidecar kept the subscription).
 */
describe('e2e: session alerts', () => {
	let stack: Stack;
	let workflowId: string;
	let subscription: Json;

	beforeAll(async () => {
		stack = await startStack({ session: SESSION });
		const { n8n, sidecar, credentialId, receiver } = stack;
		workflowId = (await createWorkflowFromFile(n8n, EXAMPLE, credentialId, { replace: { [USER_ENDPOINT]: `${receiver.origin}${ALERTS}` } })).id;
		await activate(n8n, workflowId);
		[subscription] = await pollUntil(
			() => subscriptions(sidecar).then((list) => list.filter((s) => String(s.url).startsWith(`${n8n.url}/webhook/`))),
			(list) => list.length === 1,
			{ timeoutMs: 30_000, everyMs: 200, what: 'the session trigger subscription', context: () => failureContext(n8n, [], sidecar) },
		);
	});
	afterAll(async () => {
		await stack?.dispose();
	});

	const context = () => failureContext(stack.n8n, [], stack.sidecar);
	const alertsFor = (session: string) => stack.receiver.to(ALERTS).filter((r) => r.body?.session === session);
	/** The first alert with this session and status, once it arrived. */
	const waitForAlert = async (session: string, status: string, timeoutMs = 30_000) => {
		const matching = () => alertsFor(session).filter((r) => r.body?.status === status);
		await stack.receiver.waitFor(() => matching().length > 0, `a ${status} alert for ${session}`, timeoutMs, context);
		return matching()[0];
	};

	it('subscribes to session status changes; a logout on the phone becomes one LOGGED_OUT alert', async () => {
		expect(subscription).toMatchObject({ events: ['session.status'] });
		await stack.phone!.phoneLogout();
		await stack.sidecar.waitForStatus(SESSION, 'LOGGED_OUT');
		const alert = await waitForAlert(SESSION, 'LOGGED_OUT');
		expect(alert.body).toMatchObject({ session: SESSION, status: 'LOGGED_OUT', text: expect.stringContaining(`"${SESSION}" is LOGGED_OUT`) });
		// Only statuses that need a person are alerts: not READY, STARTING, AUTHENTICATED.
		expect(alertsFor(SESSION).map((a) => a.body?.status)).toEqual(['LOGGED_OUT']);
		const list = await executions(stack.n8n, workflowId);
		expect(list.map((e) => e.status)).toEqual(list.map(() => 'success'));
	});

	// Both startup paths of n8n 2.x: the publication service (default; no trigger hook runs) and
	// the older one (checkExists() runs for every active trigger and must find the subscription).
	it.each([
		['the default startup', {}],
		['N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false', { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' }],
	])('after n8n restarts on the same folder (%s), alerts still arrive through the subscription the sidecar kept', async (label, env) => {
		stack.n8n = await restartN8n(stack.install, stack.n8n, env);
		const { n8n, sidecar } = stack;

		// A new session shows a QR: an alert, through the restarted n8n.
		const session = `after-restart-${label.startsWith('N8N') ? 'legacy' : 'default'}`;
		expect((await sidecar.api('POST', '/api/sessions', { id: session })).status).toBeLessThan(300);
		await sidecar.waitForStatus(session, 'SCAN_QR');
		const alert = await waitForAlert(session, 'SCAN_QR');
		expect(alert.body).toMatchObject({ session, status: 'SCAN_QR' });

		// The same subscription: n8n did not register anew, the sidecar kept it.
		const ours = (await subscriptions(sidecar)).filter((s) => String(s.url).startsWith(`${n8n.url}/webhook/`));
		expect(ours.map((s) => s.id)).toEqual([subscription.id]);
		expect(ours[0].stats).toMatchObject({ deadLetters: 0 });
		const list = await executions(n8n, workflowId);
		expect(list.filter((e) => e.status !== 'success').map((e) => e.status)).toEqual([]);
	});
});
