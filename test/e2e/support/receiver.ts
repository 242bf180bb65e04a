import http from 'http';
import type { AddressInfo } from 'net';
import { pollUntil } from '../../support/poll';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ReceivedRequest {
	method: string;
	/** The path with its query. */
	path: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	/** The body parsed as JSON, when it is JSON. */
	json?: Json;
	at: number;
}

/**
 * A local HTTP endpoint standing in for "your own system": workflows POST to it with an
 * HTTP Request node, and the test reads what arrived. Answers every request 200 `{ok: true}`.
 */
export interface Receiver {
	url: string;
	requests: ReceivedRequest[];
	/** The requests to `path` (exact path, no query). */
	to(path: string): ReceivedRequest[];
	/** Polls until `done(requests to path)` holds; returns them. */
	waitFor(path: string, done: (list: ReceivedRequest[]) => boolean, options?: { timeoutMs?: number; what?: string; context?: () => string }): Promise<ReceivedRequest[]>;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			let json: Json | undefined;
			if (String(req.headers['content-type'] ?? '').includes('json')) {
				try {
					json = JSON.parse(body.toString('utf8')) as Json;
				} catch {
					/* not JSON after all */
				}
			}
			const request: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json, at: Date.now() };
			// Failure messages print requests: the JSON body, or the size of any other.
			Object.defineProperty(request, 'toJSON', { value: () => ({ method: request.method, path: request.path, json: json ?? `${body.length} bytes` }) });
			requests.push(request);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const to = (path: string) => requests.filter((r) => r.path.split('?')[0] === path);
	return {
		url,
		requests,
		to,
		waitFor: (path, done, options = {}) =>
			pollUntil(() => to(path), done, {
				timeoutMs: options.timeoutMs ?? 30_000,
				everyMs: 100,
				what: options.what ?? `the expected requests to ${path}`,
				context: options.context,
			}),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
