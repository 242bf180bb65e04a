import { pollUntil } from './poll';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the session view, checked by each test

/** A sidecar reachable through its API: an in-process test sidecar, or the e2e tier's process. */
export interface SidecarApi {
	api(method: string, url: string): Promise<{ status: number; body: Json }>;
	/** In-process sidecars keep their log lines… */
	logs?: string[];
	/** …processes their output. */
	tail?(lines?: number): string;
}

/** Polls a session through the API until `done` holds; fails with the session's last view and the last logs. */
export function waitForSession(
	sidecar: SidecarApi,
	id: string,
	done: (session: Json) => boolean,
	timeoutMs = 60_000,
	what = 'the expected state',
): Promise<Json> {
	return pollUntil(
		() => sidecar.api('GET', `/api/sessions/${id}`),
		(response) => response.status === 200 && done(response.body),
		{
			timeoutMs,
			everyMs: 100,
			what: `session ${id} reaching ${what}`,
			context: () => `Last log lines:\n${sidecar.logs ? sidecar.logs.slice(-25).join('\n') : (sidecar.tail?.(25) ?? '')}`,
		},
	).then((response) => response.body);
}

export const status = (wanted: string) => (session: { status: string }) => session.status === wanted;
