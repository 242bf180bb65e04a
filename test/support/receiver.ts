import http from 'http';
import type { AddressInfo } from 'net';
import { HEADERS, verify } from '../../sidecar/src/contract';
import { pollUntil } from './poll';

export interface Received {
	/** What the receiver answered. */
	status: number;
	headers: http.IncomingHttpHeaders;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- event envelopes, checked by each test
	raw: string;
	at: number;
}

/**
 * A local webhook receiver: records every POST it answers (with the status it
 * gave), answering what `respond` says: 200 by default; a test can make it
 * fail, hang (never answer) or say 410.
 */
export async function startReceiver() {
	const received: Received[] = [];
	let respond: (request: Received) => number | 'hang' = () => 200;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const request: Received = { status: 0, headers: req.headers, body: raw ? JSON.parse(raw) : undefined, raw, at: Date.now() };
			const answer = respond(request);
			if (answer === 'hang') return; // never answers: the sender's timeout decides
			request.status = answer;
			received.push(request);
			res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'no');
		});
	});
	// Connections, answered or not: a refused delivery must not even connect.
	let connections = 0;
	server.on('connection', () => connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const url = `http://127.0.0.1:${port}/hook`;
	return {
		url,
		port,
		received,
		get connections() {
			return connections;
		},
		respondWith(fn: (request: Received) => number | 'hang') {
			respond = fn;
		},
		verifies(request: Received, secret: string): boolean {
			const header = (name: string) => String(request.headers[name]);
			return verify({ secret, body: request.raw, timestamp: header(HEADERS.timestamp), signature: header(HEADERS.signature) }).valid;
		},
		waitFor(done: (all: Received[]) => boolean, what: string, timeoutMs = 30_000) {
			return pollUntil(() => received, done, { what, timeoutMs });
		},
		close: () => new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}
