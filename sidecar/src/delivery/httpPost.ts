import { parseRetryAfter } from './retryPolicy';
import type { PostResult } from './Dispatcher';

/**
 * One delivery attempt over HTTP (Node's fetch). Redirects are not followed: a
 * receiver that moved should be registered again under its new URL. The body
 * of the answer is read and dropped, so the connection can be reused.
 */
export async function httpPost(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
	try {
		const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
		await response.arrayBuffer().catch(() => undefined);
		return { status: response.status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
	} catch (error) {
		const e = error as Error & { cause?: { code?: string } };
		const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
		return { error: reason };
	}
}
