/**
 * Screenshots of every example workflow in the n8n editor, for the docs:
 * `npm run screenshots` writes docs/images/<example>.png (1280×720).
 *
 * It starts the e2e n8n (test/e2e/install-n8n.sh installs it when missing) with the built
 * package, imports each examples/*.json with a credential, and opens it in headless Chromium
 * logged in as the owner. No sidecar is needed: the canvas does not call it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'puppeteer';
import { createWorkflowFromFile } from './support/flow';
import { ensureN8nInstalled, startN8n, type N8n } from './support/n8n';
import { buildNodes, expectNodesLoaded, installPackage, TYPES } from './support/package';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');
const OUT = path.join(ROOT, 'docs/images');
const VIEWPORT = { width: 1280, height: 720 };
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const files = fs
		.readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		.filter((f) => only.length === 0 || only.includes(path.basename(f, '.json')))
		.sort();
	if (!files.length) throw new Error(`no examples matching ${only.join(', ')}`);
	fs.mkdirSync(OUT, { recursive: true });

	const install = await ensureN8nInstalled();
	await buildNodes();
	let n8n: N8n | undefined;
	let browser: Browser | undefined;
	try {
		n8n = await startN8n(install, { prepare: (userFolder) => void installPackage(userFolder, install) });
		await expectNodesLoaded(n8n);
		// A credential so the nodes show no "credentials not set" warning; nothing calls its URL.
		const credential = await n8n.api('POST', '/credentials', {
			name: 'WhatsApp Sidecar account',
			type: TYPES.credential,
			data: { baseUrl: 'http://127.0.0.1:3100', apiKey: 'screenshots-only-0123456789' },
		});

		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const puppeteer = require('puppeteer') as typeof import('puppeteer');
		browser = await puppeteer.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [...(os.userInfo().uid === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', `--window-size=${VIEWPORT.width},${VIEWPORT.height}`],
			defaultViewport: VIEWPORT,
		});
		const page = await browser.newPage();
		const [name, value] = n8n.cookie().split('=');
		await browser.setCookie({ name, value, domain: '127.0.0.1', path: '/', httpOnly: true });
		// First visit: dismiss what a new user is shown once, so later pages open on a clean canvas.
		await page.goto(`${n8n.url}/home/workflows`, { waitUntil: 'networkidle2', timeout: 60_000 });

		for (const file of files) {
			const example = path.basename(file, '.json');
			const workflow = await createWorkflowFromFile(n8n, path.join(EXAMPLES, file), credential.id as string);
			await page.goto(`${n8n.url}/workflow/${workflow.id}`, { waitUntil: 'networkidle2', timeout: 60_000 });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30_000 });
			await closeOverlays(page);
			// Fit the whole workflow in view (the canvas' "zoom to fit" shortcut), the pointer away from
			// the nodes (no hover buttons); then let it settle.
			await page.mouse.click(80, 100);
			await page.keyboard.press('Digit1');
			await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			const target = path.join(OUT, `${example}.png`);
			await page.screenshot({ path: target as `${string}.png`, type: 'png' });
			console.log(`${path.relative(ROOT, target)}: ${Math.round(fs.statSync(target).size / 1024)} KB`);
		}
	} finally {
		await browser?.close().catch(() => undefined);
		await n8n?.dispose();
	}
}

/** Closes toasts and dialogs that would cover the canvas. */
async function closeOverlays(page: import('puppeteer').Page): Promise<void> {
	await page.keyboard.press('Escape');
	for (const button of await page.$$('.el-notification__closeBtn, .el-message-box__headerbtn, .el-dialog__headerbtn')) {
		await button.click().catch(() => undefined);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
