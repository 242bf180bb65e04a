import { chromiumArgs, needsNoSandbox } from '../../../sidecar/src/browser/chromiumArgs';

describe('chromiumArgs', () => {
	it('adds --no-sandbox only for root when set to auto', () => {
		expect(chromiumArgs({ noSandbox: 'auto', uid: 0 })).toContain('--no-sandbox');
		expect(chromiumArgs({ noSandbox: 'auto', uid: 1000 })).not.toContain('--no-sandbox');
		expect(needsNoSandbox(true, 1000)).toBe(true);
		expect(needsNoSandbox(false, 0)).toBe(false);
	});

	it('keeps Chromium from calling home on a closed network', () => {
		const args = chromiumArgs({ noSandbox: false });
		expect(args).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-component-update']));
	});

	it('adds extra flags once and refuses to disable web security', () => {
		const args = chromiumArgs({ noSandbox: false, extraArgs: ['--proxy-server=http://p:3128', '--disable-gpu'] });
		expect(args.filter((a) => a === '--disable-gpu')).toHaveLength(1);
		expect(args).toContain('--proxy-server=http://p:3128');
		expect(() => chromiumArgs({ noSandbox: false, extraArgs: ['--disable-web-security'] })).toThrow(/refused/);
	});
});
