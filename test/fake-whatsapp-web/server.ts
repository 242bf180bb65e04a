import { createHash, randomBytes } from 'crypto';
import https from 'https';
import type { IncomingMessage, ServerResponse } from 'http';
import type { FakeCertificate } from './certificate';
import type { ContactDirectory } from './contacts';
import type { PageRegistry } from './pages';
import type { FakePhone, ReactionRequest, SendRequest, StoredMedia } from './FakePhone';
import type { ChangeRequest } from './phoneChanges';
import type { MediaInput, PageStatus } from './types';
import { handleChatsRpc } from './chatsRpc';
import type { ProfileDirectory } from './profiles';
import type { FakeGroups } from './groups';
import { groupRpc } from './groupRpc';

/** What the HTTP side needs from the fake. */
export interface FakeBackend {
	readonly pages: PageRegistry;
	renderPage(): string;
	phoneOfPage(pageId: string): FakePhone | undefined;
	phoneFor(number: string): FakePhone;
	isRegistered(to: string): boolean;
	readonly contacts: ContactDirectory;
	storeMedia(input: MediaInput): StoredMedia;
	media(directPath: string): StoredMedia | undefined;
	noteUnknownModule(name: string): void;
	/** People's profiles on the network (pictures, about texts, business profiles). */
	readonly profiles: ProfileDirectory;
	readonly groups: FakeGroups;
}

const MAX_BODY = 64 * 1024 * 1024;

/**
 * web.whatsapp.com as the browser sees it (through --host-resolver-rules): the page,
 * and the same-origin endpoints the page uses to talk to the test process.
 */
export function createFakeServer(cert: FakeCertificate, backend: FakeBackend): https.Server {
	return https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
		route(backend, req, res).catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 400, { error: error.message });
			else res.end();
		});
	});
}

async function route(backend: FakeBackend, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'https://web.whatsapp.com');
	const pageId = url.searchParams.get('page') ?? '';
	if (req.method === 'GET' && url.pathname === '/') {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
		res.end(backend.renderPage());
	} else if (req.method === 'GET' && url.pathname === '/__fake/channel' && pageId) {
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
		res.write(': connected\n\n');
		backend.pages.attachStream(pageId, res);
	} else if (req.method === 'POST' && url.pathname === '/__fake/rpc') {
		const body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
		sendJson(res, 200, handleRpc(backend, body));
	} else if (req.method === 'POST' && url.pathname === '/__fake/upload') {
		const phone = backend.phoneOfPage(pageId);
		if (phone && phone.faults.failUploads > 0) {
			phone.faults.failUploads -= 1;
			await readBody(req);
			sendJson(res, 500, { error: 'injected upload failure' });
			return;
		}
		const bytes = await readBody(req);
		const mimetype = url.searchParams.get('mimetype') ?? 'application/octet-stream';
		sendJson(res, 200, { directPath: backend.storeMedia({ data: bytes, mimetype }).directPath });
	} else if (req.method === 'GET' && url.pathname.startsWith('/__fake/media/')) {
		const media = backend.media(url.pathname);
		if (!media) return sendJson(res, 404, { error: 'no such media' });
		res.writeHead(200, { 'content-type': media.mimetype, 'content-length': media.size });
		res.end(media.bytes);
	} else {
		sendJson(res, 404, { error: `the fake WhatsApp Web has no ${req.method} ${url.pathname}` });
	}
}

function handleRpc(backend: FakeBackend, body: Record<string, unknown>): unknown {
	const page = String(body.page ?? '');
	backend.pages.touch(page);
	switch (body.type) {
		case 'status': {
			const status = body.status as PageStatus;
			if (status.phone) backend.phoneFor(status.phone);
			backend.pages.updateStatus(page, status);
			return {};
		}
		case 'result':
			backend.pages.resolveResult(body as { id: string; ok: boolean; value?: unknown; error?: string });
			return {};
		case 'send':
			return requirePhone(backend, page).decideSend(body.entry as SendRequest);
		case 'linkCodeRequested':
			backend.phoneFor(String(body.phone)).noteLinkCodeRequest(body.showNotification === true);
			return {};
		case 'unpaired':
			backend.phoneFor(String(body.phone)).markUnpaired(String(body.reason));
			return {};
		case 'exists': {
			// A usync query: is the user on WhatsApp, and which LID / phone may this page learn.
			const wid = body.wid ? String(body.wid) : `${String(body.user)}@c.us`;
			return { exists: backend.isRegistered(wid), ...backend.contacts.query(wid) };
		}
		case 'history':
			return backend.phoneFor(String(body.phone)).history();
		case 'react':
			return requirePhone(backend, page).decideReaction(body.reaction as ReactionRequest);
		case 'change':
			return requirePhone(backend, page).changes.decide(body.change as ChangeRequest, requirePhone(backend, page).faults);
		case 'chatstate':
			requirePhone(backend, page).noteChatState(String(body.chat), String(body.state));
			return {};
		case 'chats':
			return handleChatsRpc(backend, page, body);
		case 'groupsOf':
			return { groups: backend.groups.of(String(body.phone)) };
		case 'group':
			return groupRpc(backend.groups, requirePhone(backend, page).number, body);
		case 'callRejected':
			requirePhone(backend, page).noteRejectedCall(String(body.callId), String(body.to));
			return {};
		case 'unknownModule':
			backend.noteUnknownModule(String(body.name));
			return {};
		default:
			throw new Error(`unknown rpc ${String(body.type)}`);
	}
}

function requirePhone(backend: FakeBackend, pageId: string): FakePhone {
	const phone = backend.phoneOfPage(pageId);
	if (!phone) throw new Error('this page is not linked to a phone');
	return phone;
}

export function newStoredMedia(input: MediaInput): StoredMedia {
	const bytes = typeof input.data === 'string' ? Buffer.from(input.data, 'base64') : input.data;
	const digest = createHash('sha256').update(bytes).digest();
	return {
		directPath: `/__fake/media/${randomBytes(12).toString('hex')}`,
		mimetype: input.mimetype,
		filename: input.filename,
		size: bytes.length,
		sha256: digest.toString('hex'),
		filehash: digest.toString('base64'),
		bytes,
	};
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new Error('request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}
