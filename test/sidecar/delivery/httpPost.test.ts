import http from 'http';
import type { AddressInfo } from 'net';
import { httpPost } from '../../../sidecar/src/delivery/httpPost';
import type { Resolver } from '../../../sidecar/src/net/checkedLookup';
import { pollUntil } from '../../support/poll';
import { startReceiver } from '../../support/receiver';

/**
 * The delivery transport against a real receiver on 127.0.0.1.
 *
 * A receiver may answer with a body of any size. HUGE is far more than the kernel's
 * socket buffers can hold between the two ends (tcp_wmem + tcp_rmem, tens of MB), so a
 * receiver that manages to write all of it was read to the end by the sidecar.
 */
const HUGE = 128 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Answer {
	written: number;
	/** The receiver wrote the whole body. */
	finished: boolean;
	/** The connection is gone (the sidecar hung up, or the body was complete). */
	closed: boolean;
}

/** A receiver answering `status` with a HUGE body, written as fast as the connection takes it. */
async function hugeReceiver(status: number, declareLength: boolean) {
	const answers: Answer[] = [];
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const answer: Answer = { written: 0, finished: false, closed: false };
			answers.push(answer);
			res.on('close', () => (answer.closed = true));
			res.writeHead(status, { 'content-type': 'text/plain', ...(declareLength ? { 'content-length': HUGE } : {}) });
			const pump = () => {
				while (!res.destroyed && answer.written < HUGE) {
					answer.written += CHUNK.length;
					if (!res.write(CHUNK)) return void res.once('drain', pump);
				}
				if (!res.destroyed) res.end(() => (answer.finished = true));
			};
			pump();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		answers,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

describe('httpPost', () => {
	const servers: Array<{ close(): Promise<void> }> = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((s) => s.close()));
	});

	it.each([
		[200, 'chunked', false],
		[200, 'with Content-Length', true],
		[500, 'chunked', false],
	])('settles a %i answer with a huge %s body without downloading it, and hangs up', async (status, _how, declareLength) => {
		const receiver = await hugeReceiver(status, declareLength);
		servers.push(receiver);
		const result = await httpPost(receiver.url, '{}', { 'content-type': 'application/json' }, 60_000);
		expect(result).toEqual({ status, retryAfterMs: undefined });
		const [answer] = receiver.answers;
		// Settled while the receiver was still writing: the body was not waited for.
		expect(answer.finished).toBe(false);
		await pollUntil(() => answer.closed, (closed) => closed, { what: 'the sidecar hanging up', timeoutMs: 10_000 });
		expect(answer.finished).toBe(false);
		expect(answer.written).toBeLessThan(HUGE);
	});

	describe('where it connects', () => {
		/** Names resolve to what the test says, without DNS; every lookup is recorded. */
		const names: Record<string, string[]> = {
			'n8n.test': ['127.0.0.1'],
			'metadata.test': ['169.254.169.254'],
			'aws6.test': ['fd00:ec2::254'],
			// One good and one blocked address: the name is refused, whichever the socket would pick.
			'mixed.test': ['127.0.0.1', '169.254.169.254'],
			'linklocal.test': ['fe80::1'],
		};
		const lookups: string[] = [];
		const resolve: Resolver = (hostname, _options, callback) => {
			lookups.push(hostname);
			const addresses = names[hostname];
			if (!addresses) return callback(Object.assign(new Error(`${hostname} not found`), { code: 'ENOTFOUND' }), []);
			callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
		};
		const post = (url: string) => httpPost(url, '{}', { 'content-type': 'application/json' }, 5_000, resolve);
		beforeEach(() => lookups.splice(0));

		it('connects to the address the resolver gives, on a fresh connection each time', async () => {
			const receiver = await startReceiver();
			servers.push(receiver);
			expect(await post(`http://n8n.test:${receiver.port}/hook`)).toEqual({ status: 200, retryAfterMs: undefined });
			expect(await post(`http://n8n.test:${receiver.port}/hook`)).toEqual({ status: 200, retryAfterMs: undefined });
			expect(lookups).toEqual(['n8n.test', 'n8n.test']);
			expect(receiver.received.map((r) => r.headers.host)).toEqual([`n8n.test:${receiver.port}`, `n8n.test:${receiver.port}`]);
			expect(await post(`http://localhost:${receiver.port}/hook`)).toMatchObject({ error: 'ENOTFOUND' });
		});

		it.each(['metadata.test', 'aws6.test', 'mixed.test', 'linklocal.test'])(
			'fails the attempt without connecting when %s resolves to a link-local or metadata address',
			async (name) => {
				const receiver = await startReceiver();
				servers.push(receiver);
				const result = await post(`http://${name}:${receiver.port}/hook`);
				expect(result.status).toBeUndefined();
				expect(result.error).toMatch(new RegExp(`${name.replace('.', '\\.')}, which is .*link-local or cloud metadata`));
				expect(lookups).toEqual([name]);
				expect(receiver.connections).toBe(0);
			},
		);

		it('refuses a URL that was stored before the rules, without connecting: a metadata address, credentials, too long', async () => {
			const receiver = await startReceiver();
			servers.push(receiver);
			const local = `http://127.0.0.1:${receiver.port}/`;
			const results = await Promise.all(
				// Port 9 (discard): should this ever connect, it reaches no metadata service that answers.
				['http://169.254.169.254:9/latest/meta-data/', `http://user:pass@127.0.0.1:${receiver.port}/hook`, local + 'a'.repeat(2049 - local.length)].map(post),
			);
			expect(results.map((r) => [r.status, r.error])).toEqual([
				[undefined, expect.stringMatching(/169\.254\.169\.254.*link-local or cloud metadata/)],
				[undefined, expect.stringMatching(/user name or password/)],
				[undefined, expect.stringMatching(/2049 characters/)],
			]);
			expect(lookups).toEqual([]);
			expect(receiver.connections).toBe(0);
		});
	});
});
