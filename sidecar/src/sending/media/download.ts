import http from 'http';
import https from 'https';
import { MediaFetchFailedError, MediaTooLargeError, MediaTypeNotAllowedError, SidecarError } from '../../errors';
import { SIDECAR_VERSION } from '../../version';
import { checkMediaUrl, displayUrl, guardedLookup, portOf } from './addressGuard';
import { filenameFromContentDisposition, filenameFromUrl } from './filenames';
import type { LoadedMedia, MediaPolicy, UrlMediaInput } from './MediaPolicy';
import { baseMimeType, guessMimeType, isTypeAllowed, UNKNOWN_TYPE } from './mimeTypes';

/**
 * Downloads a media URL under the policy: every hop's address checked, redirects
 * followed by hand (so each one is checked), the size capped while streaming, and one
 * timeout for the whole thing.
 */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function downloadMedia(
	input: UrlMediaInput,
	policy: MediaPolicy,
	signal?: AbortSignal,
): Promise<LoadedMedia> {
	let url = checkMediaUrl(input.url, policy.allowedHosts);
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, policy.timeoutMs);
	const stop = () => controller.abort();
	signal?.addEventListener('abort', stop, { once: true });
	if (signal?.aborted) stop();
	try {
		for (let redirects = 0; ; redirects++) {
			const response = await get(url, policy, controller.signal);
			const location = response.headers.location;
			if (!REDIRECTS.has(response.statusCode ?? 0) || !location) {
				return await readMedia(response, url, input, policy);
			}
			response.destroy();
			if (redirects >= policy.maxRedirects) {
				throw new MediaFetchFailedError(displayUrl(url), `redirected more than ${policy.maxRedirects} times`);
			}
			url = nextUrl(url, location, policy);
		}
	} catch (error) {
		if (signal?.aborted) throw signal.reason ?? error;
		if (timedOut) {
			throw new MediaFetchFailedError(
				displayUrl(url),
				`did not finish downloading within ${policy.timeoutMs / 1000} s`,
			);
		}
		throw explain(error, url);
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', stop);
	}
}

function get(url: URL, policy: MediaPolicy, signal: AbortSignal): Promise<http.IncomingMessage> {
	return new Promise((resolve, reject) => {
		const client = url.protocol === 'https:' ? https : http;
		const request = client.get(
			url,
			{
				// A fresh connection per download: a pooled socket would skip the address check.
				agent: false,
				// This hop's port: an allowed-hosts entry with a port allows only that one.
				lookup: guardedLookup(policy.allowedHosts, portOf(url)),
				signal,
				headers: { 'user-agent': `whatsapp-sidecar/${SIDECAR_VERSION}`, accept: '*/*' },
			},
			resolve,
		);
		request.on('error', reject);
	});
}

function nextUrl(from: URL, location: string, policy: MediaPolicy): URL {
	let to: URL;
	try {
		to = new URL(location, from);
	} catch {
		throw new MediaFetchFailedError(displayUrl(from), `redirected to "${location}", which is not a URL`);
	}
	if (to.protocol !== 'http:' && to.protocol !== 'https:') {
		throw new MediaFetchFailedError(displayUrl(from), `redirected to a ${to.protocol} address, which is not http(s)`);
	}
	return checkMediaUrl(to, policy.allowedHosts);
}

async function readMedia(
	response: http.IncomingMessage,
	url: URL,
	input: UrlMediaInput,
	policy: MediaPolicy,
): Promise<LoadedMedia> {
	const status = response.statusCode ?? 0;
	if (status < 200 || status > 299) {
		response.destroy();
		throw new MediaFetchFailedError(displayUrl(url), `answered ${status} ${response.statusMessage ?? ''}`.trim());
	}
	// Refused before reading when the server says it is too big; counted while reading because it can lie.
	const length = Number(response.headers['content-length']);
	if (Number.isFinite(length) && length > policy.maxBytes) {
		response.destroy();
		throw new MediaTooLargeError(policy.maxBytes, length);
	}
	const filename =
		input.filename ?? filenameFromContentDisposition(response.headers['content-disposition']) ?? filenameFromUrl(url);
	// Servers that do not know the type say octet-stream; the extension knows better then.
	const declared = baseMimeType(response.headers['content-type']);
	const mimetype =
		declared && declared !== UNKNOWN_TYPE
			? declared
			: (guessMimeType(filename) ?? guessMimeType(url.pathname) ?? UNKNOWN_TYPE);
	if (!isTypeAllowed(mimetype, policy.allowedTypes)) {
		response.destroy();
		throw new MediaTypeNotAllowedError(mimetype, policy.allowedTypes);
	}
	return { mimetype, data: await readBody(response, policy.maxBytes), filename };
}

async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of response as AsyncIterable<Buffer>) {
		size += chunk.length;
		// Leaving the loop destroys the stream, so the rest is never downloaded.
		if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, size);
}

/** Network errors in words; the sidecar's own errors (blocked address, too large) as they are. */
function explain(error: unknown, url: URL): Error {
	if (error instanceof SidecarError) return error;
	const code = (error as NodeJS.ErrnoException)?.code ?? '';
	const where = displayUrl(url);
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return new MediaFetchFailedError(where, `has a host name that could not be found (${url.hostname})`);
	}
	if (code === 'ECONNREFUSED') return new MediaFetchFailedError(where, 'refused the connection');
	if (code === 'ECONNRESET')
		return new MediaFetchFailedError(where, 'closed the connection before the file was complete');
	if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
		return new MediaFetchFailedError(where, `has an HTTPS certificate the sidecar does not trust (${code})`);
	}
	const message = error instanceof Error ? error.message : String(error);
	return new MediaFetchFailedError(where, `could not be downloaded (${code || message})`);
}
