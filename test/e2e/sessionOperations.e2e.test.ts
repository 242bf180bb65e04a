import jsQR from 'jsqr';
import path from 'path';
import { PNG } from 'pngjs';
import { binaryBytes, createChainWorkflow, createWorkflowFromFile, nodeItems, nodeNamed, runManually } from './support/flow';
import { TYPES } from './support/package';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const QR_EXAMPLE = path.resolve(__dirname, '../../examples/qr-onboarding.json');
const LINKED = 'main';

/** The example with another session in its Settings node. */
const forSession = (session: string) => (workflow: Json) => {
	const settings = nodeNamed(workflow, 'Settings');
	const assignment = (settings.parameters.assignments.assignments as Json[]).find((a) => a.name === 'session')!;
	assignment.value = session;
};

/** The text a QR code PNG holds. */
function decodeQr(png: Buffer): string | undefined {
	const image = PNG.sync.read(png);
	return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data;
}

/**
 * Session operations of the WhatsApp (Sidecar) node in a real n8n: examples/qr-onboarding.json
 * (Get QR → QR needed? → email) for a session waiting for its scan and for a linked one, and
 * Restart Session on a linked session.
 */
describe('e2e: session operations', () => {
	let stack: Stack;

	beforeAll(async () => {
		stack = await startStack({ session: LINKED });
	});
	afterAll(async () => {
		await stack?.dispose();
	});

	it('QR onboarding: a session waiting for its scan gives a PNG that decodes to the sidecar\'s QR', async () => {
		const { n8n, sidecar, credentialId } = stack;
		const session = 'onboarding';
		expect((await sidecar.api('POST', '/api/sessions', { id: session })).status).toBeLessThan(300);
		await sidecar.waitForStatus(session, 'SCAN_QR');
		const workflow = await createWorkflowFromFile(n8n, QR_EXAMPLE, credentialId, { name: 'QR onboarding (waiting)', edit: forSession(session) });

		// Up to the IF node: the email needs an SMTP account the test does not have.
		const run = await runManually(n8n, workflow.id, 'Start Onboarding', { destination: 'QR Needed?', sidecar });
		expect(run.status).toBe('success');
		const [item] = nodeItems(run, 'Get QR');
		expect(item.json).toMatchObject({ status: 'SCAN_QR', qrNeeded: true });
		expect(item.binary.qr).toMatchObject({ mimeType: 'image/png', fileName: 'qr.png' });
		expect(nodeItems(run, 'QR Needed?', 0)).toHaveLength(1); // the "email it" branch
		expect(nodeItems(run, 'QR Needed?', 1)).toHaveLength(0);

		const png = await binaryBytes(n8n, item.binary.qr);
		expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		const decoded = decodeQr(png);
		const qr = await sidecar.api('GET', `/api/sessions/${session}/qr`);
		expect(qr.status).toBe(200);
		expect(decoded).toBe(qr.body.raw);
		expect(item.json.raw).toBe(qr.body.raw);

		// The QR really links the session (the fake phone scans what the PNG shows).
		await stack.fake.scan(decoded!);
		await sidecar.waitForStatus(session, 'READY');
	});

	it('QR onboarding: a linked session answers qrNeeded false and takes the "already linked" branch', async () => {
		const { n8n, sidecar, credentialId } = stack;
		await sidecar.waitForStatus(LINKED, 'READY');
		const workflow = await createWorkflowFromFile(n8n, QR_EXAMPLE, credentialId, { name: 'QR onboarding (linked)', edit: forSession(LINKED) });
		// The whole workflow: the email branch is not taken, so no SMTP account is needed.
		const run = await runManually(n8n, workflow.id, 'Start Onboarding', { sidecar });
		expect(run.status).toBe('success');
		const [item] = nodeItems(run, 'Get QR');
		expect(item.json).toMatchObject({ status: 'READY', qrNeeded: false });
		expect(item.binary).toBeUndefined();
		expect(nodeItems(run, 'Already Linked')).toHaveLength(1);
		expect(run.data.resultData.runData['Email QR']).toBeUndefined();
	});

	it('Restart Session: the session goes through a restart and is READY again without a new scan', async () => {
		const { n8n, sidecar, credentialId } = stack;
		await sidecar.waitForStatus(LINKED, 'READY');
		const before = (await sidecar.api('GET', `/api/sessions/${LINKED}`)).body;
		const workflow = await createChainWorkflow(n8n, 'Restart the WhatsApp session', credentialId, [
			{ name: 'Restart Session', type: TYPES.sidecar, parameters: { resource: 'session', operation: 'restart', session: { __rl: true, mode: 'id', value: LINKED } } },
		]);

		const run = await runManually(n8n, workflow.id, 'Start', { sidecar });
		expect(run.status).toBe('success');
		const [item] = nodeItems(run, 'Restart Session');
		expect(item.json).toMatchObject({ id: LINKED });

		const after = await sidecar.waitForStatus(LINKED, 'READY', 60_000);
		const changes = (after.history as Json[]).slice((before.history as Json[]).length);
		expect(changes.map((c) => c.to)).toContain('STARTING');
		expect(changes.some((c) => c.reason === 'RESTART_REQUESTED')).toBe(true);
		expect(changes.map((c) => c.to)).not.toContain('SCAN_QR');
		expect(changes[changes.length - 1].to).toBe('READY');
		expect(after.browserPid).not.toBe(before.browserPid); // a new browser
	});
});
