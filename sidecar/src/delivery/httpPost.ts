import http from 'http';
import https from 'https';
import { SidecarError } from '../errors';
import type { Resolver } from '../net/checkedLookup';
import type { PostResult } from './Dispatcher';
import { parseRetryAfter } from './retryPolicy';
import { checkWebhookUrl, webhookLookup } from './webhookUrl';

/**
 * The most of an answer's body that is read. Only the status counts; a short body is
 * read to its end so the answer completes normally, a longer one is cut off by closing
 * the connection, so a receiver cannot make the sidecar download (and hold) a huge one.
 */
export const ANSWER_MAX_BYTES = 4 * 1024;

/**
 * One delivery attempt over HTTP(S), bounded by `timeoutMs` from start to settled.
 *
 * Every attempt has its own connection (no pool): its name is resolved through
 * webhookLookup, which refuses link-local and metadata addresses on the addresses the
 * socket then uses; a pooled socket would skip that. Redirects are not followed: a
 * receiver that moved should be registered again under its new URL.
 */
export function httpPost(
	url: string,
	body: string,
	headers: Record<string, string>,
	timeoutMs: number,
	resolve?: Resolver,
): Promise<PostResult> {
	let target: URL;
	try {
		// Checked again here: subscriptions stored before the rules existed are still loaded.
		target = checkWebhookUrl(url);
	} catch (error) {
		return Promise.resolve({ error: (error as Error).message });
	}
	return new Promise((settle) => {
		let answer: PostResult | undefined;
		let settled = false;
		const finish = (result: PostResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			// Whatever is still coming is never read: closing is how it is not downloaded.
			request.destroy();
			settle(result);
		};
		// Once the status is in, a slow body does not turn the answer into a timeout.
		const timer = setTimeout(() => finish(answer ?? { error: `no answer within ${timeoutMs} ms` }), timeoutMs);
		const request = (target.protocol === 'https:' ? https : http).request(target, {
			method: 'POST',
			headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
			agent: false,
			lookup: webhookLookup(resolve),
		});
		request.on('response', (response) => {
			const result = { status: response.statusCode, retryAfterMs: parseRetryAfter(response.headers['retry-after'] ?? null) };
			answer = result;
			// Closed by either side mid-body: the status is still the answer.
			response.on('error', () => finish(result));
			if (Number(response.headers['content-length']) > ANSWER_MAX_BYTES) return finish(result);
			let read = 0;
			response.on('data', (chunk: Buffer) => {
				read += chunk.length;
				if (read > ANSWER_MAX_BYTES) finish(result);
			});
			response.on('end', () => finish(result));
		});
		request.on('error', (error: NodeJS.ErrnoException) => finish(answer ?? { error: reasonOf(error) }));
		request.end(body);
	});
}

/** A refused address in words; network errors as their code (ECONNREFUSED, ENOTFOUND, …). */
function reasonOf(error: NodeJS.ErrnoException): string {
	return error instanceof SidecarError ? error.message : (error.code ?? error.message);
}
