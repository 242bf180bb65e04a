import { ensureN8nInstalled } from './n8n';
import { buildNodes } from './package';

/** Once per run, before any test file: n8n installed (a no-op when cached) and the nodes built. */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const install = await ensureN8nInstalled();
	await buildNodes();
	console.log(`\ne2e: n8n in ${install.cache}; install check and build took ${Date.now() - started} ms`);
}
