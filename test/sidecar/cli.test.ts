import { flagName, helpText, parseCli } from '../../sidecar/src/cli';
import { splitArgs } from '../../sidecar/src/splitArgs';

describe('the whatsapp-sidecar command line', () => {
	it('maps each flag onto its environment variable, flags winning', () => {
		const cli = parseCli(['--port', '4000', '--chromium-args=--lang=id', '--qr-terminal'], { SIDECAR_PORT: '1', OTHER: 'x' });
		expect(cli.env).toMatchObject({ SIDECAR_PORT: '4000', SIDECAR_CHROMIUM_ARGS: '--lang=id', OTHER: 'x' });
		expect(cli.qrTerminal).toBe(true);
		expect(flagName('SIDECAR_MAX_SESSIONS')).toBe('max-sessions');
	});

	it('rejects unknown flags and documents every setting in --help', () => {
		expect(() => parseCli(['--colour', 'blue'], {})).toThrow(/colour/);
		expect(parseCli(['-h'], {}).help).toBe(true);
		const help = helpText();
		for (const flag of ['--port', '--api-key', '--data-dir', '--chromium-path', '--max-sessions', '--qr-terminal']) {
			expect(help).toContain(flag);
		}
	});

	it('splits Chromium arguments like a shell, keeping quoted spaces', () => {
		expect(splitArgs(`--a=1  "--b=two words" '--c=x y'`)).toEqual(['--a=1', '--b=two words', '--c=x y']);
		expect(() => splitArgs('"open')).toThrow(/unclosed/);
	});
});
