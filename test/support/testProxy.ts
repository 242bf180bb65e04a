import http from 'http';
import net from 'net';
import type { AddressInfo } from 'net';

/** What the proxy carried or refused, one entry per request it got. */
export interface ProxiedRequest {
	/** The HTTP method, or SOCKS5 for a SOCKS5 CONNECT. */
	method: string;
	/** `host:port` for CONNECT and SOCKS5, the absolute URL for plain HTTP. */
	target: string;
	/** What happened: carried (tunnel opened or request forwarded), refused for missing or wrong credentials, or unroutable. */
	outcome: 'carried' | 'auth-required' | 'auth-wrong' | 'unroutable';
	/** The Proxy-Authorization header as it came (to prove the browser sent credentials, and which). */
	authorization?: string;
}

export interface TestProxy {
	/** `http://127.0.0.1:<port>`, without credentials. */
	readonly url: string;
	readonly port: number;
	readonly requests: ProxiedRequest[];
	/** Requests it carried (tunnels opened plus requests forwarded). */
	carried(): number;
	close(): Promise<void>;
}

export interface TestProxyOptions {
	/** Require Basic auth with exactly these credentials (407 otherwise). */
	credentials?: { username: string; password: string };
	/**
	 * Where a target goes, `host:port` → `host:port`, like a real proxy's DNS. Anything not in
	 * the map is refused (502): the browser must not reach anything but what the test serves.
	 */
	routes: Record<string, string>;
}

/**
 * A small forwarding proxy on loopback for tests: CONNECT tunnels (what a browser uses for
 * https) and absolute-URI forwarding (plain http), with optional Basic auth; on the same port,
 * SOCKS5 without auth (`socks5://` URL). It counts what it carried, so a test can prove a
 * browser really went through it.
 */
export async function startTestProxy(options: TestProxyOptions): Promise<TestProxy> {
	const requests: ProxiedRequest[] = [];
	const sockets = new Set<net.Socket>();
	const expected = options.credentials
		? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`
		: undefined;

	/** Whether the request may pass; answers and records it when it may not. */
	const admit = (method: string, target: string, header: string | undefined, refuse: (status: number, headers: Record<string, string>) => void): boolean => {
		const record: ProxiedRequest = { method, target, outcome: 'carried', ...(header ? { authorization: header } : {}) };
		requests.push(record);
		if (expected && header !== expected) {
			record.outcome = header ? 'auth-wrong' : 'auth-required';
			refuse(407, { 'proxy-authenticate': 'Basic realm="test proxy"' });
			return false;
		}
		if (!routeOf(options.routes, target)) {
			record.outcome = 'unroutable';
			refuse(502, {});
			return false;
		}
		return true;
	};

	const server = http.createServer((req, res) => {
		const target = hostPortOfUrl(req.url ?? '');
		const refuse = (status: number, headers: Record<string, string>) => res.writeHead(status, { ...headers, connection: 'close' }).end();
		if (!admit(req.method ?? 'GET', req.url ?? '', req.headers['proxy-authorization'], refuse) || !target) return;
		const [host, port] = splitHostPort(routeOf(options.routes, target)!);
		const url = new URL(req.url!);
		const headers = { ...req.headers };
		delete headers['proxy-authorization'];
		const upstream = http.request({ host, port, method: req.method, path: url.pathname + url.search, headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});

	server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		const target = req.url ?? '';
		const refuse = (status: number, headers: Record<string, string>) => {
			const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
			client.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${lines.join('')}content-length: 0\r\n\r\n`);
		};
		client.on('error', () => undefined);
		if (!admit('CONNECT', target, req.headers['proxy-authorization'], refuse)) return;
		const [host, port] = splitHostPort(routeOf(options.routes, target)!);
		const upstream = net.connect(port, host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
	});
	// One port for both: a SOCKS5 greeting starts with its version byte, 5; HTTP with a letter.
	const front = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		socket.once('data', (first: Buffer) => {
			socket.pause();
			if (first[0] === 5) return void socks5(socket, first);
			socket.unshift(first);
			server.emit('connection', socket);
			socket.resume();
		});
	});

	/** SOCKS5, no authentication, CONNECT only: greeting, request, reply, then a tunnel. */
	const socks5 = (client: net.Socket, greeting: Buffer) => {
		client.write(Buffer.from([5, 0])); // version 5, "no authentication"
		client.once('data', (request: Buffer) => {
			const target = socksTarget(request);
			const record: ProxiedRequest = { method: 'SOCKS5', target: target ?? '?', outcome: 'carried' };
			requests.push(record);
			const route = target && request[1] === 1 && greeting.includes(0, 2) ? routeOf(options.routes, target) : undefined;
			if (options.credentials || !route) {
				record.outcome = options.credentials ? 'auth-required' : 'unroutable';
				return void client.end(Buffer.from([5, options.credentials ? 2 : 4, 0, 1, 0, 0, 0, 0, 0, 0]));
			}
			const [host, port] = splitHostPort(route);
			const upstream = net.connect(port, host, () => {
				client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
				upstream.pipe(client);
				client.pipe(upstream);
			});
			sockets.add(upstream);
			upstream.on('close', () => sockets.delete(upstream));
			upstream.on('error', () => client.destroy());
		});
		client.resume();
	};

	await new Promise<void>((resolve, reject) => {
		front.once('error', reject);
		front.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = front.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		carried: () => requests.filter((r) => r.outcome === 'carried').length,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close();
				front.close(() => resolve());
			}),
	};
}

/** `host:port` of a SOCKS5 request: an IPv4 address (type 1) or a name (type 3, resolved by the proxy). */
function socksTarget(request: Buffer): string | undefined {
	if (request[0] !== 5) return undefined;
	if (request[3] === 1) return `${[...request.subarray(4, 8)].join('.')}:${request.readUInt16BE(8)}`;
	if (request[3] === 3) {
		const length = request[4];
		return `${request.subarray(5, 5 + length).toString('latin1')}:${request.readUInt16BE(5 + length)}`;
	}
	return undefined;
}

function routeOf(routes: Record<string, string>, target: string): string | undefined {
	const hostPort = target.includes('://') ? hostPortOfUrl(target) : target;
	return hostPort ? routes[hostPort.toLowerCase()] : undefined;
}

function hostPortOfUrl(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
	} catch {
		return undefined;
	}
}

function splitHostPort(hostPort: string): [string, number] {
	const colon = hostPort.lastIndexOf(':');
	return [hostPort.slice(0, colon), Number(hostPort.slice(colon + 1))];
}
