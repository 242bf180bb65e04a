import { z } from 'zod';
import { ProxyInvalidError } from '../errors';
import type { SessionConfig } from '../storage/records';

/** A session's proxy as it is kept: the server apart from the credentials. */
export type ProxySetting = NonNullable<SessionConfig['proxy']>;

/** What the API shows of a proxy: never the password. */
export interface ProxyView {
	server: string;
	username: string | null;
	hasPassword: boolean;
}

/** Chromium's own default ports, written out so the kept server always says which. */
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'socks5:': 1080 };

/** A DNS name or an IPv4 address, or an IPv6 address in brackets; nothing Chromium's proxy list syntax could read differently (`;`, `,`, `=`). */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$/i;
/** Control characters would end a header line (Proxy-Authorization). */
const PRINTABLE = /^\P{Cc}*$/u;

const credentialsSchema = z
	.object({
		server: z.string().max(2048),
		username: z.string().max(256).regex(PRINTABLE).optional(),
		password: z.string().max(256).regex(PRINTABLE).optional(),
	})
	.strict();

/**
 * Reads a proxy setting as the API takes it: a URL (`http://user:password@host:port`, the
 * user and password percent-encoded) or `{server, username?, password?}`. Throws
 * PROXY_INVALID with a message that never repeats the setting (it may hold a password).
 */
export function parseProxy(input: unknown): ProxySetting {
	if (typeof input !== 'string' && (typeof input !== 'object' || input === null || Array.isArray(input))) {
		throw new ProxyInvalidError('write it as a URL, or as an object with "server"');
	}
	const fields = typeof input === 'string' ? fromUrl(input) : credentialsSchema.safeParse(input);
	if (!fields.success) throw new ProxyInvalidError(`${fieldOf(fields.error)} is not valid`);
	const { server, username, password } = fields.data;
	const url = parseUrl(server);
	if (typeof input !== 'string' && (url.username || url.password)) {
		throw new ProxyInvalidError('with "server", give the user and password in "username" and "password", not in the URL');
	}
	if (!(url.protocol in DEFAULT_PORTS)) throw new ProxyInvalidError(`it must start with http://, https:// or socks5://, not ${JSON.stringify(url.protocol.slice(0, 20))}`);
	const host = url.hostname.toLowerCase();
	if (!HOST.test(host)) throw new ProxyInvalidError('its host is not a name or an address');
	const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ProxyInvalidError('its port must be a number from 1 to 65535');
	if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
		throw new ProxyInvalidError('it is only scheme, host and port (no path, query or #)');
	}
	if (password !== undefined && !username) throw new ProxyInvalidError('a password needs a username');
	if (username && url.protocol === 'socks5:') {
		// Chromium has no SOCKS authentication at all: the browser would fail on every request.
		throw new ProxyInvalidError('Chromium cannot log in to a SOCKS5 proxy; use one that needs no password (allow this machine\'s address instead), or an http proxy');
	}
	return { server: `${url.protocol}//${host}:${port}`, ...(username ? { username, password: password ?? '' } : {}) };
}

/** Chromium's flags for the proxy: the server only; the credentials go to the page, never on a command line. */
export function proxyArgs(args: string[], proxy: ProxySetting | undefined): string[] {
	if (!proxy) return args;
	return [
		// The session's own proxy replaces one given to every session (SIDECAR_CHROMIUM_ARGS).
		...args.filter((arg) => !arg.startsWith('--proxy-server=')),
		`--proxy-server=${proxy.server}`,
		// WebRTC could reach WhatsApp's servers around the proxy (UDP), showing the machine's own address.
		'--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
	];
}

/** What puppeteer's page.authenticate needs (the library's proxyAuthentication), if the proxy wants a login. */
export function proxyCredentials(proxy: ProxySetting | undefined): { username: string; password: string } | undefined {
	return proxy?.username ? { username: proxy.username, password: proxy.password ?? '' } : undefined;
}

export function proxyView(proxy: ProxySetting): ProxyView {
	return { server: proxy.server, username: proxy.username ?? null, hasPassword: !!proxy.password };
}

function fromUrl(text: string): z.ZodSafeParseResult<z.infer<typeof credentialsSchema>> {
	const url = parseUrl(text);
	const decode = (part: string) => {
		try {
			return decodeURIComponent(part);
		} catch {
			throw new ProxyInvalidError('its user or password has a broken %-escape');
		}
	};
	const server = `${url.protocol}//${url.host}${url.pathname}${url.search}${url.hash}`;
	return credentialsSchema.safeParse({
		server,
		...(url.username ? { username: decode(url.username) } : {}),
		...(url.password ? { password: decode(url.password) } : {}),
	});
}

function parseUrl(text: string): URL {
	if (text.length > 2048) throw new ProxyInvalidError('it is longer than 2048 characters');
	try {
		return new URL(text.trim());
	} catch {
		throw new ProxyInvalidError('it is not a URL like http://proxy.example.com:8080');
	}
}

function fieldOf(error: z.ZodError): string {
	const field = error.issues[0]?.path.join('.');
	return field ? `"${field}"` : 'it';
}
