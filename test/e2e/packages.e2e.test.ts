import fs from 'fs';
import os from 'os';
import path from 'path';
import { createChainWorkflow, nodeItems, runManually } from './support/flow';
import { npm, packInto, PACKAGE_NAME, TYPES } from './support/package';
import { startStack, type Stack } from './support/stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The two packages as they would be published, on their own: `npm pack` of each, the
 * sidecar's tarball installed in an empty folder (nothing from this repository on its
 * path), its `whatsapp-sidecar` command started against the fake WhatsApp Web, and a
 * real n8n loading the nodes from their tarball (the stack always does) sending through it.
 */
describe('e2e: the packed packages, installed on their own', () => {
	let folder: string;
	let stack: Stack | undefined;
	let nodesTarball: string;

	beforeAll(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-packages-'));
		await npm(['run', 'build:sidecar']);
		const sidecarTarball = await packInto(folder, 'sidecar');
		nodesTarball = process.env.N8N_E2E_NODES_TARBALL!;
		fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'empty', private: true }));
		// As a user would install it (the registry's packages, puppeteer's browser download skipped: no internet here).
		await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', sidecarTarball], folder, { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' });
		const bin = path.join(folder, 'node_modules/.bin/whatsapp-sidecar');
		stack = await startStack({ session: 'clinic', sidecarCommand: [bin] });
	}, 600_000);
	afterAll(async () => {
		await stack?.dispose();
		fs.rmSync(folder, { recursive: true, force: true });
	});

	it('the n8n package has no runtime dependencies and ships only the nodes, the credential and the contract', () => {
		const listing = fs.readdirSync(path.dirname(nodesTarball));
		expect(listing.some((f) => f.startsWith(PACKAGE_NAME))).toBe(true);
		const manifest = JSON.parse(fs.readFileSync(path.join(stack!.n8n.userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME, 'package.json'), 'utf8'));
		expect(manifest.dependencies ?? {}).toEqual({});
		const shipped = fs.readdirSync(path.join(stack!.n8n.userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME, 'dist')).sort();
		expect(shipped).toEqual(['credentials', 'nodes', 'sidecar']);
	});

	it('the installed sidecar runs from its own folder and a real n8n sends through it with the packed nodes', async () => {
		const { n8n, sidecar, credentialId, phone } = stack!;
		const server = (await sidecar.api('GET', '/api/server')).body;
		expect(server.version).toBe(JSON.parse(fs.readFileSync(path.join(folder, 'node_modules/whatsapp-sidecar/package.json'), 'utf8')).version);
		expect(sidecar.process.child.spawnfile).toBe(path.join(folder, 'node_modules/.bin/whatsapp-sidecar'));
		const workflow = await createChainWorkflow(n8n, 'Packed packages', credentialId, [
			{
				name: 'Send',
				type: TYPES.sidecar,
				parameters: { resource: 'message', operation: 'sendText', session: { __rl: true, mode: 'id', value: 'clinic' }, to: '+1 555 000 7777', text: 'Sent by the packed packages', options: {} },
			},
		]);
		const run = await runManually(n8n, workflow.id, 'Start', { sidecar });
		expect(run.status).toBe('success');
		const [{ json }] = nodeItems(run, 'Send') as Json[];
		expect(json).toMatchObject({ status: 'queued', to: '15550007777@c.us' });
		const outbox = await phone!.waitForOutbox(1, 30_000);
		expect(outbox.map((m) => [m.to, m.body])).toContainEqual(['15550007777@c.us', 'Sent by the packed packages']);
	});
});
