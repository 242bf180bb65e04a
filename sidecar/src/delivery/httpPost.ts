import http from 'http';
import https from 'https';
import { checkedLookup, type Resolver } from '../net/checkedLookup';
import { parseRetryAfter } from './retryPolicy';
import type { PostResult } from './Dispatcher';

/**
 * One delivery attempt over HTTP. Redirects are not followed: a receiver that moved
 * should be registered again under its new URL.
 */
export function httpPost(url: string, body: string, headers: Record<string, string>, timeoutMs: number, resolve?: Resolver): Promise<PostResult> {
	return new Promise((settle) => {
		let settled = false;
		const finish = (result: PostResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			request.destroy();
			settle(result);
		};
		const timer = setTimeout(() => finish({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
		const target = new URL(url);
		const request = (target.protocol === 'https:' ? https : http).request(target, {
			method: 'POST',
			headers: { ...headers, 'content-length': Buffer.byteLength(body) },
			agent: false,
			lookup: checkedLookup(() => undefined, resolve),
		});
		request.on('response', (response) => {
			const answer = { status: response.statusCode ?? 0, retryAfterMs: parseRetryAfter(response.headers['retry-after'] ?? null) };
			response.on('data', () => undefined);
			response.on('end', () => finish(answer));
			response.on('error', () => finish(answer));
		});
		request.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
		request.end(body);
	});
}
