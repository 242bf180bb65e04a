import http from 'http';
import type { AddressInfo } from 'net';
import { HEADERS, verify } from '../../sidecar/src/contract';
import { pollUntil } from './poll';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- event envelopes and workflow posts, checked by each test

export interface Received {
	method: string;
	/** The path with its query. */
	path: string;
	headers: http.IncomingHttpHeaders;
	/** The body as sent (signatures cover exactly these bytes). */
	raw: string;
	/** The body parsed as JSON; undefined when it is not JSON. */
	body: Json;
	/** What the receiver answered. */
	status: number;
	at: number;
}

/**
 * A local HTTP endpoint: a webhook receiver for the sidecar's deliveries, or "your own
 * system" that workflows POST to. Records every request it answers, answering what
 * `respondWith` says: 200 by default; a test can make it fail, hang (never answer) or say 410.
 */
export async function startReceiver() {
	const received: Received[] = [];
	let respond: (request: Received) => number | 'hang' = () => 200;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body: parse(raw), status: 0, at: Date.now() };
			// Failure messages print requests: what was asked and answered, not every header.
			Object.defineProperty(request, 'toJSON', { value: () => ({ method: request.method, path: request.path, status: request.status, body: request.body ?? `${raw.length} bytes` }) });
			const answer = respond(request);
			if (answer === 'hang') return; // never answers: the sender's timeout decides
			request.status = answer;
			received.push(request);
			res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: answer < 300 }));
		});
	});
	let connections = 0;
	server.on('connection', () => connections++);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	/** The requests to `path` (exact path, no query). */
	const to = (path: string) => received.filter((r) => r.path.split('?')[0] === path);
	return {
		/** The base URL for paths of your own, e.g. `${origin}/appointments`. */
		origin: `http://127.0.0.1:${port}`,
		/** A webhook URL (`/hook`). */
		url: `http://127.0.0.1:${port}/hook`,
		port,
		received,
		/** TCP connections accepted so far (a blocked address must not get even one). */
		get connections() {
			return connections;
		},
		to,
		respondWith(fn: (request: Received) => number | 'hang') {
			respond = fn;
		},
		/** Whether a delivery carries a valid sidecar signature for `secret`. */
		verifies(request: Received, secret: string): boolean {
			const header = (name: string) => String(request.headers[name]);
			return verify({ secret, body: request.raw, timestamp: header(HEADERS.timestamp), signature: header(HEADERS.signature) }).valid;
		},
		/** Polls until `done(every request so far)` holds; returns them. */
		waitFor(done: (all: Received[]) => boolean, what: string, timeoutMs = 30_000, context?: () => string) {
			return pollUntil(() => received, done, { what, timeoutMs, context });
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function parse(raw: string): Json {
	if (!raw) return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}
