import type { z } from 'zod';
import { parseProxy } from '../browser/proxy';
import type { SessionConfig } from '../sessions/SessionStatus';
import { pairingPhone } from '../sessions/pairingPhone';
import type { sessionConfigSchema } from './schemas';

type ConfigInput = z.infer<typeof sessionConfigSchema>;

/**
 * A session's settings as the API took them, merged over `current` the way they are kept: the
 * proxy parsed (PROXY_INVALID; its server apart from its login), the pairing number in digits
 * (PAIRING_PHONE_INVALID), and a null removing its setting. Pacing is the caller's (it merges
 * key by key).
 */
export function mergeSessionConfig(current: SessionConfig, input: ConfigInput): SessionConfig {
	const merged: Record<string, unknown> = { ...current, ...input };
	if (input.proxy) merged.proxy = parseProxy(input.proxy);
	if (input.pairWithPhone) merged.pairWithPhone = pairingPhone(input.pairWithPhone);
	for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
	return merged as SessionConfig;
}
