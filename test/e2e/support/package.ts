import { execFile } from 'child_process';
import fs from 'fs';
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
	credential: 'whatsAppSidecarApi',
};

let built: Promise<void> | undefined;

/**
 * `npm run build:nodes`, once per process (the global setup builds it first and sets
 * N8N_E2E_NODES_BUILT, so test files only check that dist is there).
 */
export function buildNodes(): Promise<void> {
	if (process.env.N8N_E2E_NODES_BUILT === '1' && fs.existsSync(path.join(ROOT, 'dist/nodes'))) return Promise.resolve();
	built ??= new Promise<void>((resolve, reject) => {
		execFile('npm', ['run', 'build:nodes'], { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`npm run build:nodes failed:\n${stdout}\n${stderr}`));
			else {
				process.env.N8N_E2E_NODES_BUILT = '1';
				resolve();
			}
		});
	});
	return built;
}

/**
 * Installs the built package the way n8n's community-package folder holds it: a copy of
 * package.json and dist (no repository, no node_modules) under
 * `$N8N_USER_FOLDER/.n8n/nodes/node_modules/`, with n8n's own n8n-workflow linked next to it
 * (a peer dependency n8n provides when it installs a community package itself).
 */
export function installPackage(userFolder: string, install: N8nInstall): string {
	const modules = path.join(userFolder, '.n8n/nodes/node_modules');
	const target = path.join(modules, PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	const workflowLink = path.join(modules, 'n8n-workflow');
	fs.rmSync(workflowLink, { force: true });
	fs.symlinkSync(install.n8nWorkflow, workflowLink, 'dir');
	return target;
}

/** Fails unless n8n loaded our four nodes (read from the node types the editor loads). */
export async function expectNodesLoaded(n8n: N8n): Promise<string[]> {
	const names = (await n8n.getWithCookie<Array<{ name: string }>>('/types/nodes.json')).map((t) => t.name).filter((n) => n.startsWith(`${PACKAGE_NAME}.`));
	const wanted = [TYPES.sidecar, TYPES.messageTrigger, TYPES.ackTrigger, TYPES.sessionTrigger];
	const missing = wanted.filter((w) => !names.includes(w));
	if (missing.length) {
		throw new Error(`n8n did not load ${missing.join(', ')} (it has: ${names.join(', ') || 'none of ours'})\n${n8n.logs()}`);
	}
	return names;
}
