import { execFile, execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { N8n, N8nInstall } from './n8n';

const ROOT = path.resolve(__dirname, '../../..');
export const PACKAGE_NAME = 'n8n-nodes-whatsapp-sidecar';

/** Our node and credential type names as n8n knows them (loaded from the community folder). */
export const TYPES = {
	sidecar: `${PACKAGE_NAME}.whatsAppSidecar`,
	messageTrigger: `${PACKAGE_NAME}.whatsAppMessageTrigger`,
	ackTrigger: `${PACKAGE_NAME}.whatsAppAckTrigger`,
	sessionTrigger: `${PACKAGE_NAME}.whatsAppSessionTrigger`,
	groupTrigger: `${PACKAGE_NAME}.whatsAppGroupTrigger`,
	credential: 'whatsAppSidecarApi',
};

let built: Promise<string> | undefined;

/** Runs npm in the repository; its output on failure. */
export function npm(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('npm', args, { cwd, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`npm ${args.join(' ')} failed:\n${stdout}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

/**
 * `npm run build:nodes` and `npm pack`, once per run: every e2e test loads the nodes from
 * the tarball that would be published, not from the build folder. The global setup does it
 * first and passes the tarball on in N8N_E2E_NODES_TARBALL. Returns the tarball's path.
 */
export function buildNodes(): Promise<string> {
	const packed = process.env.N8N_E2E_NODES_TARBALL;
	if (packed && fs.existsSync(packed)) return Promise.resolve(packed);
	built ??= (async () => {
		await npm(['run', 'build:nodes']);
		const tarball = await packInto(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-pack-')));
		process.env.N8N_E2E_NODES_TARBALL = tarball;
		return tarball;
	})();
	return built;
}

/** `npm pack` of the root package (or of `workspace`) into `folder`; the tarball's path. */
export async function packInto(folder: string, workspace?: string): Promise<string> {
	const out = await npm(['pack', '--json', '--pack-destination', folder, ...(workspace ? ['--workspace', workspace] : [])]);
	const [{ filename }] = JSON.parse(out) as Array<{ filename: string }>;
	return path.join(folder, filename);
}

/**
 * Installs the packed package the way n8n's community-package folder holds it: the
 * tarball's contents (it has no dependencies to install) under
 * `$N8N_USER_FOLDER/.n8n/nodes/node_modules/`, with n8n's own n8n-workflow linked next to it
 * (a peer dependency n8n provides when it installs a community package itself).
 */
export function installPackage(userFolder: string, install: N8nInstall): string {
	const tarball = process.env.N8N_E2E_NODES_TARBALL;
	if (!tarball || !fs.existsSync(tarball)) throw new Error('the nodes are not packed: call buildNodes() first');
	const modules = path.join(userFolder, '.n8n/nodes/node_modules');
	const target = path.join(modules, PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const workflowLink = path.join(modules, 'n8n-workflow');
	fs.rmSync(workflowLink, { force: true });
	fs.symlinkSync(install.n8nWorkflow, workflowLink, 'dir');
	return target;
}

/** Fails unless n8n loaded our nodes (read from the node types the editor loads). */
export async function expectNodesLoaded(n8n: N8n): Promise<string[]> {
	const names = (await n8n.getWithCookie<Array<{ name: string }>>('/types/nodes.json')).map((t) => t.name).filter((n) => n.startsWith(`${PACKAGE_NAME}.`));
	const wanted = [TYPES.sidecar, TYPES.messageTrigger, TYPES.ackTrigger, TYPES.sessionTrigger, TYPES.groupTrigger];
	const missing = wanted.filter((w) => !names.includes(w));
	if (missing.length) {
		throw new Error(`n8n did not load ${missing.join(', ')} (it has: ${names.join(', ') || 'none of ours'})\n${n8n.logs()}`);
	}
	return names;
}
