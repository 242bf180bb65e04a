import fs from 'fs';
import os from 'os';
import path from 'path';
import sqlite3 from 'sqlite3';
import { isRoot, tinyDisk, type TinyDisk } from '../../support/brokenDisk';
import { pollUntil } from '../../support/poll';
import { startReceiver } from '../../support/receiver';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

/** Empties the write-ahead log, so the next write must grow a file (and finds the disk full). */
function checkpoint(file: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(file, (error) => {
			if (error) return reject(error);
			db.run('PRAGMA wal_checkpoint(TRUNCATE)', (runError) => db.close(() => (runError ? reject(runError) : resolve())));
		});
	});
}

/**
 * The disk fills while the sidecar runs: nothing may be answered as accepted
 * unless it is on disk. keyv swallows write errors by default; this is the test
 * that they reach the request as 503 STORAGE_UNAVAILABLE, the log and /health.
 * A full disk needs a tmpfs, so root (CI runs as root).
 */
(isRoot ? describe : describe.skip)('a database that stops taking writes (full disk)', () => {
	let disk: TinyDisk;
	let t: TestSidecar;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	const engines = scriptedEngines();
	const send = (idempotencyKey: string) =>
		t.api('POST', '/api/sessions/desk/messages', { to: '+15550001111', text: 'Reminder: 10:00', idempotencyKey });
	const health = () => fetch(`${t.sidecar.url}/health`).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; storage: { writable: boolean; error?: string } } }));

	beforeAll(async () => {
		disk = tinyDisk(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-full-')), 16 * 1024 * 1024);
		t = await startTestSidecar({ dataDir: disk.dir, engineFactory: engines.factory, env: { SIDECAR_PACING: 'off' } });
		receiver = await startReceiver();
		expect((await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['message'], secret: 's'.repeat(24) })).status).toBe(201);
		expect((await t.api('POST', '/api/sessions', { id: 'desk' })).status).toBe(201);
		engines.latest().emit({ type: 'ready', account: { wid: '15550009999@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk').then((r) => r.body.status), (s) => s === 'READY', { what: 'desk READY' });
		await checkpoint(path.join(disk.dir, 'sidecar.sqlite'));
		disk.fill();
	});
	afterAll(async () => {
		await t?.stop();
		await receiver?.close();
		disk?.unmount();
	});

	it('refuses sessions, webhooks and messages with 503 STORAGE_UNAVAILABLE, logs the file, and /health says so', async () => {
		const session = await t.api('POST', '/api/sessions', { id: 'second', start: false });
		const webhook = await t.api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['message'], secret: 's'.repeat(24) });
		const message = await send('appointment-17');
		for (const answer of [session, webhook, message]) {
			expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status: 503, code: 'STORAGE_UNAVAILABLE' });
		}
		expect(message.body.error.message).toMatch(/free space/);
		// Nothing half-accepted: the refused ones are not there.
		expect((await t.api('GET', '/api/sessions/second')).status).toBe(404);
		expect((await t.api('GET', '/api/webhooks')).body.webhooks).toHaveLength(1);
		const file = path.join(disk.dir, 'sidecar.sqlite');
		expect(t.logs.some((line) => /"level":50/.test(line) && line.includes(file) && /SQLITE_FULL|disk is full/.test(line))).toBe(true);

		const degraded = await health();
		expect(degraded).toMatchObject({ status: 503, body: { status: 'degraded', storage: { writable: false } } });
		expect(degraded.body.storage.error).toMatch(/full/);
	});

	it('still delivers events it could not store (from memory) rather than drop them', async () => {
		const chatId = '15550001234@c.us';
		engines.latest().emit({ type: 'message', message: { id: `false_${chatId}_FULL`, chatId, sender: chatId, fromMe: false, type: 'chat', text: 'are you open?', timestamp: 1, isGroup: false } });
		await receiver.waitFor((all) => all.some((r) => r.body.payload.text === 'are you open?'), 'the message event', 10_000);
		expect(t.logs.some((line) => /"level":50/.test(line) && /delivering it from memory/.test(line))).toBe(true);
	});

	it('takes writes again once there is room, and the refused key is a new message', async () => {
		disk.free();
		await pollUntil(health, (h) => h.status === 200, { what: '/health ok again', timeoutMs: 20_000, everyMs: 250 });
		const accepted = await send('appointment-17');
		expect(accepted).toMatchObject({ status: 202, body: { duplicate: false, status: 'queued' } });
	});
});
