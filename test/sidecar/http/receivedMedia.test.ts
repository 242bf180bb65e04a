import fs from 'fs';
import path from 'path';
import type { EventEnvelope } from '../../../sidecar/src/contract';
import type { IncomingMessage } from '../../../sidecar/src/sessions/engine/Engine';
import { pollUntil } from '../../support/poll';
import { scriptedEngines, type ScriptedEngine } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const RTL_OVERRIDE = '\u202e';

/** Received media is served with the type we stored, never one the sender's file name picks, and as a download. */
describe('GET /api/sessions/:id/messages/:messageId/media', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	let desk: ScriptedEngine;
	const events: EventEnvelope[] = [];
	let count = 0;

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory });
		t.sidecar.bus.subscribe((event) => events.push(event));
		await t.api('POST', '/api/sessions', { id: 'desk' });
		desk = engines.latest();
		desk.emit({ type: 'ready', account: { wid: '15550003333@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk').then((a) => a.body.status), (s) => s === 'READY', { what: 'desk READY' });
	});
	afterAll(() => t.stop());

	/** A contact sends a file with this declared type and name; answers the event's media and the served file. */
	const receive = async (media: { mimetype: string; filename?: string; data?: Buffer }) => {
		const id = `false_628111@c.us_M${++count}`;
		const data = media.data ?? PNG;
		const message: IncomingMessage = {
			id,
			chatId: '628111@c.us',
			sender: '628111@c.us',
			fromMe: false,
			type: 'document',
			timestamp: count,
			isGroup: false,
			media: { mimetype: media.mimetype, filename: media.filename, size: data.length },
			downloadMedia: async () => ({ mimetype: media.mimetype, data, filename: media.filename }),
		};
		desk.emit({ type: 'message', message });
		const event = await pollUntil(
			() => events.find((e) => e.type === 'message' && (e.payload as { id: string }).id === id),
			(found) => found !== undefined,
			{ what: `the message event of ${id}`, timeoutMs: 10_000, context: () => t.logs.slice(-5).join('\n') },
		);
		const payloadMedia = (event!.payload as { media: { url: string; mimetype: string; filename: string | null } }).media;
		const response = await fetch(`${t.sidecar.url}${payloadMedia.url}`, { headers: { 'x-api-key': t.config.apiKey } });
		return { id, payloadMedia, response, body: Buffer.from(await response.arrayBuffer()) };
	};

	it('serves the stored type, not the one the file name suggests, as an attachment that is not sniffed', async () => {
		const { response, body } = await receive({ mimetype: 'image/png', filename: 'x.txt' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename=x.txt');
		expect(body).toEqual(PNG);
	});

	it('always answers as an attachment, with a name made from the type when the sender gave none', async () => {
		const { response } = await receive({ mimetype: 'application/pdf' });
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename=media.pdf');
	});

	it('keeps parameters of a valid type (a voice note is audio/ogg; codecs=opus)', async () => {
		const { response } = await receive({ mimetype: 'audio/ogg; codecs=opus', filename: 'voice.ogg' });
		expect(response.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
	});

	it('strips bidi overrides and control characters from the name, when storing and when serving', async () => {
		const sneaky = `invoice${RTL_OVERRIDE}fdp.exe`; // shows as "invoiceexe.pdf"
		const { id, payloadMedia, response } = await receive({ mimetype: 'application/pdf', filename: `\u2066${sneaky}\u0007\u0085` });
		expect(response.status).toBe(200);
		const disposition = response.headers.get('content-disposition') ?? '';
		expect(disposition).toBe('attachment; filename=invoicefdp.exe');
		expect(disposition).not.toMatch(/%E2%80%AE|%E2%81%A6/i);
		expect(payloadMedia.filename).toBe('invoicefdp.exe');
		const stored = storedMeta(id);
		expect(stored.filename).toBe('invoicefdp.exe');
	});

	it('keeps other non-ASCII letters in the name (RFC 5987 filename*)', async () => {
		const { response } = await receive({ mimetype: 'application/pdf', filename: 'résumé.pdf' });
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="r?sum?.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`);
	});

	it('turns a sender\'s type with CR/LF into application/octet-stream: no crash, no injected header', async () => {
		const { payloadMedia, response } = await receive({ mimetype: 'image/png\r\nSet-Cookie: pwned=1', filename: 'a.png' });
		expect(response.status).toBe(200);
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(payloadMedia.mimetype).toBe('application/octet-stream');
	});

	it('serves media stored before names and types were cleaned, cleaned', async () => {
		const { id } = await receive({ mimetype: 'image/png', filename: 'old.png' });
		const file = metaFile(id);
		fs.writeFileSync(file, JSON.stringify({ ...storedMeta(id), mimetype: 'text/html\r\nX-Evil: 1', filename: `a${RTL_OVERRIDE}\r\nb.html` }));
		const response = await fetch(`${t.sidecar.url}/api/sessions/desk/messages/${encodeURIComponent(id)}/media`, {
			headers: { 'x-api-key': t.config.apiKey },
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('x-evil')).toBeNull();
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename=ab.html');
	});

	/** The store's JSON beside the file (named by a hash of the message id, so found by content). */
	function metaFile(messageId: string): string {
		const dir = path.join(t.dataDir, 'media', 'desk');
		const name = fs.readdirSync(dir).find((f) => f.endsWith('.json') && JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).messageId === messageId);
		if (!name) throw new Error(`no stored media for ${messageId}`);
		return path.join(dir, name);
	}

	function storedMeta(messageId: string): { filename?: string; mimetype: string } {
		return JSON.parse(fs.readFileSync(metaFile(messageId), 'utf8'));
	}
});
