import { DEFAULT_DEVICE_NAME } from '../../../sidecar/src/sessions/SessionManager';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const PASSWORD = 'pr0xy-s3cret';

/**
 * A session's proxy, device name and pairing number through the API (scripted engine): what
 * the engine gets, what the API shows, what it refuses; and the proxy password nowhere it
 * could be read.
 */
describe('session login settings: proxy, device name, pairWithPhone', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory, chromiumArgs: ['--proxy-server=http://everyone:3128'] });
	});
	afterAll(() => t.stop());

	it('gives the engine the proxy server as a flag and its login apart; the API never shows the password', async () => {
		const created = await t.api('POST', '/api/sessions', {
			id: 'proxied',
			config: { proxy: `http://bob:${encodeURIComponent(PASSWORD)}@proxy.lan:8080`, deviceName: 'Front desk', browserName: 'Firefox' },
		});
		expect(created.status).toBe(201);
		expect(created.body.config).toEqual({
			proxy: { server: 'http://proxy.lan:8080', username: 'bob', hasPassword: true },
			deviceName: 'Front desk',
			browserName: 'Firefox',
		});
		const { options } = engines.latest();
		expect(options.chromium.args).toContain('--proxy-server=http://proxy.lan:8080');
		expect(options.chromium.args).not.toContain('--proxy-server=http://everyone:3128');
		expect(options.proxyCredentials).toEqual({ username: 'bob', password: PASSWORD });
		expect(options).toMatchObject({ deviceName: 'Front desk', browserName: 'Firefox' });
		expect(options.chromium.args.join(' ')).not.toContain(PASSWORD);

		for (const answer of [created, await t.api('GET', '/api/sessions/proxied'), await t.api('GET', '/api/sessions')]) {
			expect(answer.raw.toString()).not.toContain(PASSWORD);
		}
		expect(t.logs.join('\n')).not.toContain(PASSWORD);
	});

	it('PATCH replaces the proxy or removes it (null), from the next start', async () => {
		const patched = await t.api('PATCH', '/api/sessions/proxied', { config: { proxy: { server: 'socks5://10.0.0.9:1080' }, deviceName: null } });
		expect(patched.status).toBe(200);
		expect(patched.body.config).toEqual({ proxy: { server: 'socks5://10.0.0.9:1080', username: null, hasPassword: false }, browserName: 'Firefox' });
		await t.api('POST', '/api/sessions/proxied/restart');
		expect(engines.latest().options.chromium.args).toContain('--proxy-server=socks5://10.0.0.9:1080');
		expect(engines.latest().options).toMatchObject({ proxyCredentials: undefined, deviceName: DEFAULT_DEVICE_NAME });

		const removed = await t.api('PATCH', '/api/sessions/proxied', { config: { proxy: null } });
		expect(removed.body.config).toEqual({ browserName: 'Firefox' });
		await t.api('POST', '/api/sessions/proxied/restart');
		// Back to the proxy every session has (SIDECAR_CHROMIUM_ARGS).
		expect(engines.latest().options.chromium.args.filter((a) => a.startsWith('--proxy-server'))).toEqual(['--proxy-server=http://everyone:3128']);
	});

	it('refuses a proxy it cannot use with 400 PROXY_INVALID, without repeating it', async () => {
		const proxies: unknown[] = [
			`ftp://bob:${PASSWORD}@proxy.lan:21`,
			`socks5://bob:${PASSWORD}@proxy.lan:1080`,
			`http://bob:${PASSWORD}@proxy.lan:0`,
			`http://bob:${PASSWORD}@proxy.lan:8080/x`,
			{ server: `http://bob:${PASSWORD}@proxy.lan:8080` },
			{ server: 'http://proxy.lan:8080', password: PASSWORD },
		];
		for (const proxy of proxies) {
			const answer = await t.api('POST', '/api/sessions', { id: 'bad-proxy', config: { proxy }, start: false });
			expect([answer.status, answer.body.error.code]).toEqual([400, 'PROXY_INVALID']);
			expect(answer.raw.toString()).not.toContain(PASSWORD);
			const patched = await t.api('PATCH', '/api/sessions/proxied', { config: { proxy } });
			expect([patched.status, patched.body.error.code]).toEqual([400, 'PROXY_INVALID']);
		}
		const wrongShape = await t.api('POST', '/api/sessions', { id: 'bad-proxy', config: { proxy: 8080 }, start: false });
		expect([wrongShape.status, wrongShape.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		expect((await t.api('GET', '/api/sessions/bad-proxy')).body.error.code).toBe('SESSION_NOT_FOUND');
		expect(t.logs.join('\n')).not.toContain(PASSWORD);
	});

	it('keeps a pairing number as digits and gives it to the engine; refuses one without its country code', async () => {
		const created = await t.api('POST', '/api/sessions', { id: 'by-code', config: { pairWithPhone: '+1 (555) 000-2222' } });
		expect(created.body.config).toEqual({ pairWithPhone: '15550002222' });
		expect(engines.latest().options).toMatchObject({ pairWithPhone: '15550002222', deviceName: DEFAULT_DEVICE_NAME });

		const national = await t.api('POST', '/api/sessions', { id: 'by-code-2', config: { pairWithPhone: '0812 3456 789' } });
		expect([national.status, national.body.error.code]).toEqual([400, 'PAIRING_PHONE_INVALID']);
		const off = await t.api('PATCH', '/api/sessions/by-code', { config: { pairWithPhone: null } });
		expect(off.body.config).toEqual({});
	});

	it('refuses a device name the phone could not show (VALIDATION_FAILED)', async () => {
		for (const deviceName of ['', 'x'.repeat(51), 'two\nlines']) {
			const answer = await t.api('PATCH', '/api/sessions/by-code', { config: { deviceName } });
			expect([answer.status, answer.body.error.code, answer.body.error.details.problems[0].field]).toEqual([400, 'VALIDATION_FAILED', 'config.deviceName']);
		}
	});
});
