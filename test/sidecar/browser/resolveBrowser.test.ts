import { BrowserNotFoundError, resolveBrowser } from '../../../sidecar/src/browser/resolveBrowser';

describe('resolveBrowser', () => {
	const executables = (...files: string[]) => (file: string) => files.includes(file);
	const noDownload = () => undefined;

	it('prefers the configured path over everything else', () => {
		const found = resolveBrowser({
			explicitPath: '/opt/chrome/chrome',
			env: { CHROME_PATH: '/usr/bin/chromium', PATH: '/usr/bin' },
			isExecutable: executables('/opt/chrome/chrome', '/usr/bin/chromium'),
			puppeteerPath: () => '/root/.cache/puppeteer/chrome',
		});
		expect(found).toEqual({ executablePath: '/opt/chrome/chrome', source: 'config' });
	});

	it('then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH', () => {
		const env = { CHROME_PATH: '/a/chrome', PUPPETEER_EXECUTABLE_PATH: '/b/chrome' };
		const isExecutable = executables('/a/chrome', '/b/chrome');
		expect(resolveBrowser({ env, isExecutable, puppeteerPath: noDownload }).source).toBe('CHROME_PATH');
		expect(
			resolveBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/b/chrome' }, isExecutable, puppeteerPath: noDownload }),
		).toEqual({ executablePath: '/b/chrome', source: 'PUPPETEER_EXECUTABLE_PATH' });
	});

	it('fails loudly when a named browser does not exist, instead of silently using another', () => {
		expect(() =>
			resolveBrowser({
				env: { CHROME_PATH: '/nope/chrome', PATH: '/usr/bin' },
				isExecutable: executables('/usr/bin/chromium'),
				puppeteerPath: noDownload,
			}),
		).toThrow(/CHROME_PATH points to \/nope\/chrome/);
	});

	it("uses puppeteer's own download when it is there", () => {
		const found = resolveBrowser({
			env: { PATH: '/usr/bin' },
			isExecutable: executables('/cache/chrome', '/usr/bin/chromium'),
			puppeteerPath: () => '/cache/chrome',
		});
		expect(found).toEqual({ executablePath: '/cache/chrome', source: 'puppeteer' });
	});

	it('falls back to a system browser on PATH, chromium first', () => {
		const found = resolveBrowser({
			env: { PATH: '/usr/local/bin:/usr/bin' },
			isExecutable: executables('/usr/bin/google-chrome', '/usr/bin/chromium'),
			puppeteerPath: () => '/cache/chrome-not-downloaded',
		});
		expect(found).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
	});

	it('says what to install and which variable to set when nothing is found', () => {
		const attempt = () => resolveBrowser({ env: { PATH: '/usr/bin' }, isExecutable: () => false, puppeteerPath: noDownload });
		expect(attempt).toThrow(BrowserNotFoundError);
		expect(attempt).toThrow(/apt-get install -y chromium.*CHROME_PATH/);
	});

	it('finds the real browser on this machine', () => {
		expect(resolveBrowser().executablePath).toMatch(/chrom/i);
	});
});
