import { proxyView } from '../browser/proxy';
import type { SessionConfig } from './SessionStatus';

/** A session's settings as the API shows them: everything but the proxy's password. */
export function configView(config: SessionConfig) {
	const { proxy, ...rest } = config;
	return proxy ? { ...rest, proxy: proxyView(proxy) } : rest;
}
