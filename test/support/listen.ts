import type { Express } from 'express';
import type { Server } from 'http';
import type { AddressInfo } from 'net';

/** Serves an express app on an ephemeral loopback port for the duration of a test. */
export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
