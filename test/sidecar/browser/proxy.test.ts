import { parseProxy, proxyArgs, proxyCredentials, proxyView } from '../../../sidecar/src/browser/proxy';
import { ProxyInvalidError } from '../../../sidecar/src/errors';

/** The message a refused setting gets; it must never repeat the setting (it may hold a password). */
function refusal(input: unknown): string {
	try {
		parseProxy(input);
	} catch (error) {
		expect(error).toBeInstanceOf(ProxyInvalidError);
		const message = (error as Error).message;
		expect(message).not.toContain('s3cret');
		return message;
	}
	throw new Error(`${JSON.stringify(input)} was accepted`);
}

describe('a session proxy setting', () => {
	it('reads a URL with its login (percent-decoded) or an object, keeping the server apart from the login', () => {
		expect(parseProxy('http://bob:p%40ss%3Aword@Proxy.LAN:8080')).toEqual({ server: 'http://proxy.lan:8080', username: 'bob', password: 'p@ss:word' });
		expect(parseProxy({ server: 'https://proxy.lan:8443', username: 'bob', password: 'p@ss word/é' })).toEqual({
			server: 'https://proxy.lan:8443',
			username: 'bob',
			password: 'p@ss word/é',
		});
		expect(parseProxy('socks5://10.0.0.5:1080')).toEqual({ server: 'socks5://10.0.0.5:1080' });
		expect(parseProxy('http://[fd00::5]:3128/')).toEqual({ server: 'http://[fd00::5]:3128' });
		// Chromium's default ports, written out.
		expect(parseProxy('http://proxy.lan').server).toBe('http://proxy.lan:80');
		expect(parseProxy('https://proxy.lan').server).toBe('https://proxy.lan:443');
		expect(parseProxy('socks5://proxy.lan').server).toBe('socks5://proxy.lan:1080');
		expect(parseProxy('http://bob@proxy.lan:8080')).toEqual({ server: 'http://proxy.lan:8080', username: 'bob', password: '' });
	});

	it('refuses what Chromium could not use, saying why', () => {
		expect(refusal('ftp://bob:s3cret@proxy.lan:21')).toMatch(/http:\/\/, https:\/\/ or socks5:\/\//);
		expect(refusal('socks4://proxy.lan:1080')).toMatch(/must start with/);
		expect(refusal('proxy.lan:8080')).toMatch(/must start with|not a URL/);
		expect(refusal('http://bob:s3cret@proxy.lan:0')).toMatch(/port/);
		expect(refusal('http://bob:s3cret@proxy.lan:70000')).toMatch(/not a URL/);
		expect(refusal('http://bob:s3cret@proxy.lan:8080/path')).toMatch(/no path/);
		expect(refusal('http://proxy.lan:8080?x=s3cret')).toMatch(/no path, query/);
		expect(refusal('socks5://bob:s3cret@proxy.lan:1080')).toMatch(/cannot log in to a SOCKS5 proxy/);
		expect(refusal({ server: 'socks5://proxy.lan:1080', username: 'bob', password: 's3cret' })).toMatch(/SOCKS5/);
		expect(refusal('http://:s3cret@proxy.lan:8080')).toMatch(/password needs a username/);
		expect(refusal('socks5://a;b=c:1080')).toMatch(/host/);
		expect(refusal('socks5://a,direct:1080')).toMatch(/host/);
		expect(refusal({ server: 'http://bob:s3cret@proxy.lan:8080' })).toMatch(/"username" and "password"/);
		expect(refusal({ server: 'http://proxy.lan:8080', username: 'bob', password: 's3cret\r\nX-Evil: 1' })).toMatch(/"password"/);
		expect(refusal({ server: 'http://proxy.lan:8080', pass: 's3cret' })).toMatch(/not valid/);
		expect(refusal('http://bob:%E0%A4%A@proxy.lan:8080')).toMatch(/%-escape/);
		expect(refusal(8080)).toMatch(/a URL, or as an object/);
		expect(refusal(['http://proxy.lan:8080'])).toMatch(/a URL, or as an object/);
		expect(refusal(`http://proxy.lan:8080/${'s3cret'.repeat(400)}`)).toMatch(/longer than 2048/);
		expect(refusal('not a url s3cret')).toMatch(/not a URL/);
	});

	it('puts only the server on the command line, replacing a proxy given to every session', () => {
		const proxy = parseProxy('http://bob:s3cret@proxy.lan:8080');
		const args = proxyArgs(['--mute-audio', '--proxy-server=http://global:3128'], proxy);
		expect(args).toEqual(['--mute-audio', '--proxy-server=http://proxy.lan:8080', '--force-webrtc-ip-handling-policy=disable_non_proxied_udp']);
		expect(args.join(' ')).not.toMatch(/bob|s3cret/);
		expect(proxyArgs(['--proxy-server=http://global:3128'], undefined)).toEqual(['--proxy-server=http://global:3128']);
		expect(proxyCredentials(proxy)).toEqual({ username: 'bob', password: 's3cret' });
		expect(proxyCredentials(parseProxy('http://proxy.lan:8080'))).toBeUndefined();
		expect(proxyView(proxy)).toEqual({ server: 'http://proxy.lan:8080', username: 'bob', hasPassword: true });
	});
});
