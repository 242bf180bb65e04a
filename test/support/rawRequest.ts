import http from 'http';

export interface RawRequest {
	method: string;
	/** Sent exactly as written: no normalizing of `..`, no re-encoding of `%FF`. */
	path: string;
	headers?: Record<string, string | number>;
	/** One buffer (sent with Content-Length unless a header says otherwise), or chunks (sent chunked). */
	body?: Buffer | string | Buffer[];
}

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	/** The parsed body when it is JSON. */
	json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- shapes differ per route, checked by each test
}

/**
 * An HTTP request with nothing tidied up, for hostile-input tests: fetch() would
 * normalize the path, refuse some headers and always frame the body itself.
 */
export function rawRequest(baseUrl: string, request: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
	const url = new URL(baseUrl);
	const { body } = request;
	const chunks = Array.isArray(body) ? body : undefined;
	const single = Array.isArray(body) || body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
	const headers = { ...(single ? { 'content-length': single.length } : {}), ...request.headers };
	return new Promise((resolve, reject) => {
		const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: false });
		const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
		req.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		req.on('response', (res) => {
			const parts: Buffer[] = [];
			res.on('data', (part: Buffer) => parts.push(part));
			res.on('error', reject);
			res.on('end', () => {
				clearTimeout(timer);
				const body = Buffer.concat(parts);
				let json: unknown;
				if (String(res.headers['content-type'] ?? '').includes('json')) json = JSON.parse(body.toString('utf8'));
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
			});
		});
		for (const chunk of chunks ?? []) req.write(chunk);
		req.end(single);
	});
}

/** Sends the headers (announcing `announced` bytes) and `sent` of the body, then cuts the connection: a client that gave up. */
export function abandonRequest(baseUrl: string, request: { method: string; path: string; headers: Record<string, string>; announced: number; sent: Buffer }): Promise<void> {
	const url = new URL(baseUrl);
	return new Promise((resolve) => {
		const req = http.request({
			host: url.hostname,
			port: url.port,
			method: request.method,
			path: request.path,
			headers: { ...request.headers, 'content-length': request.announced },
			agent: false,
		});
		req.on('error', () => undefined); // the cut itself
		req.write(request.sent, () => {
			req.destroy();
			resolve();
		});
	});
}
