import fs from 'fs';
import path from 'path';

/**
 * Finds the Chromium or Chrome binary that puppeteer should launch.
 *
 * Order: an explicit path from the configuration, then CHROME_PATH, then
 * PUPPETEER_EXECUTABLE_PATH, then the browser puppeteer downloaded itself (on a
 * machine with internet), then a system browser on PATH. Offline machines install
 * with PUPPETEER_SKIP_DOWNLOAD=1 and use the system one.
 */
export interface BrowserSearch {
	explicitPath?: string;
	env?: NodeJS.ProcessEnv;
	/** Where puppeteer's own download would be; injectable for tests. */
	puppeteerPath?: () => string | undefined;
	isExecutable?: (file: string) => boolean;
}

export interface ResolvedBrowser {
	executablePath: string;
	source: 'config' | 'CHROME_PATH' | 'PUPPETEER_EXECUTABLE_PATH' | 'puppeteer' | 'system';
}

export const SYSTEM_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export class BrowserNotFoundError extends Error {
	readonly code = 'BROWSER_NOT_FOUND';
	constructor(detail: string) {
		super(
			`No Chromium or Chrome browser found (${detail}). Install one (on Debian/Ubuntu: ` +
				'`apt-get install -y chromium`) or set CHROME_PATH to the browser binary.',
		);
	}
}

export function resolveBrowser(search: BrowserSearch = {}): ResolvedBrowser {
	const env = search.env ?? process.env;
	const isExecutable = search.isExecutable ?? isExecutableFile;

	const configured: Array<[ResolvedBrowser['source'], string | undefined]> = [
		['config', search.explicitPath],
		['CHROME_PATH', env.CHROME_PATH],
		['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH],
	];
	for (const [source, candidate] of configured) {
		if (!candidate) continue;
		// A path the user named but that does not work is a mistake to report, not to skip.
		if (!isExecutable(candidate)) {
			throw new BrowserNotFoundError(`${source} points to ${candidate}, which is not an executable file`);
		}
		return { executablePath: candidate, source };
	}

	const downloaded = (search.puppeteerPath ?? puppeteerDownloadPath)();
	if (downloaded && isExecutable(downloaded)) return { executablePath: downloaded, source: 'puppeteer' };

	const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
	for (const name of SYSTEM_BROWSER_NAMES) {
		for (const dir of dirs) {
			const candidate = path.join(dir, name);
			if (isExecutable(candidate)) return { executablePath: candidate, source: 'system' };
		}
	}
	throw new BrowserNotFoundError(
		`looked for puppeteer's download and for ${SYSTEM_BROWSER_NAMES.join(', ')} on PATH`,
	);
}

function isExecutableFile(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/**
 * The path where the puppeteer that whatsapp-web.js uses keeps its own browser.
 * Resolved through whatsapp-web.js so we ask the same puppeteer copy that will launch.
 */
function puppeteerDownloadPath(): string | undefined {
	try {
		const fromLibrary = require.resolve('puppeteer', { paths: [path.dirname(require.resolve('whatsapp-web.js'))] });
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const puppeteer = require(fromLibrary) as { executablePath(): string };
		return puppeteer.executablePath();
	} catch {
		return undefined;
	}
}
