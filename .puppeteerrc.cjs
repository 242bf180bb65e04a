// Read by puppeteer when it installs (it looks for this file from the project up).
// Skip puppeteer's own Chrome download when a browser is already installed: offline
// machines use the system Chromium (apt-get install -y chromium), while a machine
// with internet and no browser still gets puppeteer's Chrome. The sidecar finds
// either one (sidecar/src/browser/resolveBrowser.ts).
const fs = require('fs');
const path = require('path');

const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const onPath = (process.env.PATH || '')
	.split(path.delimiter)
	.flatMap((dir) => names.map((name) => path.join(dir, name)));
const systemBrowser = [process.env.CHROME_PATH, ...onPath].find((file) => file && fs.existsSync(file));

module.exports = { skipDownload: Boolean(systemBrowser) || process.env.PUPPETEER_SKIP_DOWNLOAD === '1' };
