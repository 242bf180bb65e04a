import fs from 'fs';
import os from 'os';
import path from 'path';
import { pollUntil } from '../../support/poll';
import { spawnSidecar, type SidecarProcess } from '../../support/sidecarProcess';

const KEY = 'race-test-key-0123456789';

/**
 * A send racing its session's deletion, against the real `whatsapp-sidecar`
 * process (the failure was the process dying from a timer, which only a real
 * process shows). Sessions are created with `start: false`, so no browser runs.
 */
describe('a send racing the deletion of its session', () => {
	let sidecar: SidecarProcess;
	let dataDir: string;

	const api = async (method: string, url: string, body?: unknown) => {
		const response = await fetch(`${sidecar.url}${url}`, {
			method,
			headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked by the test
	};

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-race-'));
		sidecar = await spawnSidecar([], {
			SIDECAR_PORT: '0',
			SIDECAR_DATA_DIR: dataDir,
			SIDECAR_API_KEY: KEY,
			SIDECAR_PACING: 'off',
			SIDECAR_LOG_LEVEL: 'warn',
		});
	}, 90_000);

	afterAll(async () => {
		if (sidecar.child.exitCode === null) {
			sidecar.child.kill('SIGTERM');
			await sidecar.exited;
		}
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('never kills the process: the delete answers and the message ends cancelled or is refused', async () => {
		let exited = false;
		void sidecar.exited.then(() => (exited = true));
		for (let i = 0; i < 10; i++) {
			const id = `doomed-${i}`;
			expect((await api('POST', '/api/sessions', { id, start: false })).status).toBe(201);
			const [sent, deleted] = await Promise.all([
				api('POST', `/api/sessions/${id}/messages`, { to: '+15550001111', text: `race ${i}` }),
				api('DELETE', `/api/sessions/${id}`),
			]);
			expect(deleted).toMatchObject({ status: 200, body: { deleted: true } });
			if (sent.status === 202) {
				// Accepted before the session was gone: it must never wait for (or go out through) a session that no longer exists.
				const job = await pollUntil(
					() => api('GET', `/api/messages/${sent.body.jobId}`),
					(r) => r.body.status === 'cancelled',
					{ what: `message of ${id} cancelled`, timeoutMs: 10_000, context: () => sidecar.output().slice(-2_000) },
				);
				expect(job.body.history.at(-1)).toMatchObject({ status: 'cancelled', detail: 'SESSION_DELETED' });
			} else {
				expect(sent.body.error.code).toBe('SESSION_NOT_FOUND');
			}
		}
		// A queue timer that throws would take the process down a moment after the answers.
		const health = await fetch(`${sidecar.url}/health`).then((r) => r.status, () => 0);
		expect({ exited, health, output: exited ? sidecar.output() : '' }).toEqual({ exited: false, health: 200, output: '' });
	}, 120_000);
});
