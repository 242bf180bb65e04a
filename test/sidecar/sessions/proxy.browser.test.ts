import fs from 'fs';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import { startTestProxy, type TestProxy } from '../../support/testProxy';

const USER = 'clinic';
const PASSWORD = 'Pr0xy:p@ss-9f2c';

/** Every process's command line on this machine that holds `text`. */
function commandLinesWith(text: string): string[] {
	const found: string[] = [];
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const line = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
			if (line.includes(text)) found.push(`${pid}: ${line.slice(0, 200)}`);
		} catch {
			// gone meanwhile, or not ours to read
		}
	}
	return found;
}

/**
 * A session whose browser goes through its own proxy (a local one that wants a login, and
 * carries web.whatsapp.com to the fake) reaches READY; the proxy carried its traffic, the
 * password is on no command line, in no log line and in no answer; and the device name the
 * session set is what the phone lists.
 */
describe('a session behind its own proxy, with its own device name', () => {
	const h = useSidecarHarness();
	let proxy: TestProxy;

	beforeAll(async () => {
		proxy = await startTestProxy({
			credentials: { username: USER, password: PASSWORD },
			routes: { 'web.whatsapp.com:443': `127.0.0.1:${h.fake.port}` },
		});
	});
	afterAll(() => proxy?.close());

	it('logs in through the proxy with the password given only to the page', async () => {
		const t = await h.sidecar();
		const config = {
			proxy: { server: proxy.url, username: USER, password: PASSWORD },
			deviceName: 'Clinic front desk',
			browserName: 'Firefox',
		};
		expect((await t.api('POST', '/api/sessions', { id: 'proxied', config })).status).toBe(201);
		const phone = await scanSession(t, h.fake, 'proxied', '15550007777');
		const ready = await waitForSession(t, 'proxied', status('READY'));
		await phone.waitUntilListening();

		// Chromium asked without a login first (407), then with the one page.authenticate gave it.
		const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
		const toWhatsApp = proxy.requests.filter((r) => r.target === 'web.whatsapp.com:443');
		expect(toWhatsApp.some((r) => r.outcome === 'auth-required')).toBe(true);
		expect(toWhatsApp.filter((r) => r.outcome === 'carried').length).toBeGreaterThan(0);
		expect(toWhatsApp.filter((r) => r.outcome === 'carried').every((r) => r.authorization === expected)).toBe(true);

		expect(phone.linkedDevices).toEqual([expect.objectContaining({ os: 'Clinic front desk', name: 'Firefox', via: 'qr' })]);

		expect(ready.config.proxy).toEqual({ server: proxy.url, username: USER, hasPassword: true });
		expect(ready.browserPid).toEqual(expect.any(Number));
		expect(commandLinesWith(`--proxy-server=${proxy.url}`)).not.toEqual([]);
		expect(commandLinesWith(PASSWORD)).toEqual([]);
		for (const path of ['/api/sessions/proxied', '/api/sessions']) {
			expect((await t.api('GET', path)).raw.toString()).not.toContain(PASSWORD);
		}
		expect(t.logs.join('\n')).not.toContain(PASSWORD);
		expect([...h.fake.unknownModules]).toEqual([]);
	});

	it('goes through a SOCKS5 proxy (no login: Chromium has none for SOCKS), which resolves web.whatsapp.com itself', async () => {
		const socks = await startTestProxy({ routes: { 'web.whatsapp.com:443': `127.0.0.1:${h.fake.port}` } });
		try {
			const t = await h.sidecar();
			const server = `socks5://127.0.0.1:${socks.port}`;
			expect((await t.api('POST', '/api/sessions', { id: 'socks', config: { proxy: server } })).status).toBe(201);
			const phone = await scanSession(t, h.fake, 'socks', '15550008888');
			await waitForSession(t, 'socks', status('READY'));
			await phone.waitUntilListening();
			const carried = socks.requests.filter((r) => r.outcome === 'carried');
			expect(carried.length).toBeGreaterThan(0);
			expect(carried.every((r) => r.method === 'SOCKS5' && r.target === 'web.whatsapp.com:443')).toBe(true);
			expect(commandLinesWith(`--proxy-server=${server}`)).not.toEqual([]);
		} finally {
			await socks.close();
		}
	});
});
