import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Chats through the whole sidecar over HTTP and the real whatsapp-web.js against the fake:
 * the chat list (paged), a chat's history (paged, newest first, media as links), read
 * receipts, typing, archive and mute, each checked on the phone's side too.
 */
describe('chats through the real library', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;
	const base = '/api/sessions/clinic';

	const chatList = async (): Promise<Json[]> => {
		const all: Json[] = [];
		let cursor: string | null = null;
		do {
			const page: Json = await t.api('GET', `${base}/chats?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
			expect(page.status).toBe(200);
			all.push(...page.body.chats);
			cursor = page.body.nextCursor;
		} while (cursor);
		return all;
	};
	const chatOf = async (id: string) => (await chatList()).find((c) => c.id === id);

	beforeAll(async () => {
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		phone = await scanSession(t, h.fake, 'clinic', '6281100000200');
		await waitForSession(t, 'clinic', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(() => expect(h.fake.unknownModules).toEqual(new Set()));

	it('reads a long history newest first, page by page with before, with media as a download link', async () => {
		const chat = '628120000201@c.us';
		const pdf = Buffer.from('%PDF-1.4 lab results');
		const seeded = Array.from({ length: 45 }, (_, i) =>
			i === 40
				? { media: { data: pdf, mimetype: 'application/pdf', filename: 'results.pdf' }, caption: 'your results', t: 1_700_000_000 + i }
				: { body: `history ${i}`, fromMe: i % 3 === 0, t: 1_700_000_000 + i },
		);
		const ids = await phone.chats.seedHistory(chat, seeded, { name: 'Patient 201' });

		const seen: Json[] = [];
		let before: string | null = null;
		let pages = 0;
		do {
			const res: Json = await t.api('GET', `${base}/chats/628120000201/messages?limit=10${before ? `&before=${encodeURIComponent(before)}` : ''}`);
			expect(res.status).toBe(200);
			expect(res.body.chatId).toBe(chat);
			seen.push(...res.body.messages);
			before = res.body.nextBefore;
			pages += 1;
		} while (before && pages < 10);
		expect(pages).toBe(5);
		expect(seen.map((m) => m.id)).toEqual([...ids].reverse());
		expect(seen[seen.length - 1]).toMatchObject({ text: 'history 0', fromMe: true, chatId: chat, session: 'clinic', timestamp: 1_700_000_000 });
		expect(seen.find((m) => m.text === 'history 1')).toMatchObject({ fromMe: false, sender: chat, senderPhone: '628120000201', chatPhone: '628120000201', media: null });

		const media = seen.find((m) => m.id === ids[40])!;
		expect(media).toMatchObject({ type: 'document', text: 'your results', media: { mimetype: 'application/pdf', filename: 'results.pdf', base64: null } });
		const file = await t.api('GET', media.media.url);
		expect(file.status).toBe(200);
		expect(file.raw.equals(pdf)).toBe(true);
	});

	it('a short chat: one page, no nextBefore; a before that is not in the chat is MESSAGE_NOT_FOUND; bad limits are 400', async () => {
		const ids = await phone.chats.seedHistory('628120000202@c.us', [{ body: 'one' }, { body: 'two', fromMe: true }]);
		const res = await t.api('GET', `${base}/chats/+62 812-0000-202/messages`);
		expect(res.status).toBe(200);
		expect(res.body.messages.map((m: Json) => m.text)).toEqual(['two', 'one']);
		expect(res.body.nextBefore).toBeNull();
		const older = await t.api('GET', `${base}/chats/628120000202@c.us/messages?before=${encodeURIComponent(ids[1])}`);
		expect(older.body.messages.map((m: Json) => m.id)).toEqual([ids[0]]);

		const missing = await t.api('GET', `${base}/chats/628120000202/messages?before=false_628120000202@c.us_NOPE`);
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('MESSAGE_NOT_FOUND');
		for (const limit of ['0', '101', 'ten']) {
			const bad = await t.api('GET', `${base}/chats/628120000202/messages?limit=${limit}`);
			expect(bad.status).toBe(400);
			expect(bad.body.error.code).toBe('VALIDATION_FAILED');
		}
	});

	it('an unknown chat is CHAT_NOT_FOUND, and what is no number or chat id is RECIPIENT_INVALID, on every chat route', async () => {
		const routes: Array<[string, string, unknown?]> = [
			['GET', 'messages'],
			['POST', 'read'],
			['POST', 'presence', { state: 'typing' }],
			['POST', 'archive'],
			['POST', 'unarchive'],
			['POST', 'mute', {}],
			['POST', 'unmute'],
		];
		for (const [method, route, body] of routes) {
			const unknown = await t.api(method, `${base}/chats/628120000299/${route}`, body);
			expect([route, unknown.status, unknown.body.error.code]).toEqual([route, 404, 'CHAT_NOT_FOUND']);
			const bad = await t.api(method, `${base}/chats/not-a-chat/${route}`, body);
			expect([route, bad.status, bad.body.error.code]).toEqual([route, 400, 'RECIPIENT_INVALID']);
		}
		// Asking created nothing: the chat is still unknown to WhatsApp Web.
		expect(await chatOf('628120000299@c.us')).toBeUndefined();
	});

	it('lists chats newest first with a stable cursor: unread counts, archived, muted, the last message either way', async () => {
		const now = Math.floor(Date.now() / 1000);
		await phone.chats.seedHistory('628120000211@c.us', [{ body: 'old question', t: now - 300 }, { body: 'old answer', fromMe: true, t: now - 290 }], { name: 'Old patient', archived: true });
		await phone.chats.seedHistory('628120000212@c.us', [{ body: 'a', t: now - 200 }, { body: 'b', t: now - 100 }], { unreadCount: 2, muteExpiration: -1 });
		await phone.receive({ from: '628120000213', body: 'just now' });

		const chats = await chatList();
		const ids = chats.map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
		const times = chats.map((c) => c.timestamp);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect(ids.indexOf('628120000213@c.us')).toBeLessThan(ids.indexOf('628120000212@c.us'));
		expect(ids.indexOf('628120000212@c.us')).toBeLessThan(ids.indexOf('628120000211@c.us'));

		expect(chats.find((c) => c.id === '628120000211@c.us')).toMatchObject({
			name: 'Old patient',
			phone: '628120000211',
			isGroup: false,
			archived: true,
			muted: false,
			unreadCount: 0,
			lastMessage: { text: 'old answer', fromMe: true, type: 'chat', timestamp: now - 290 },
		});
		expect(chats.find((c) => c.id === '628120000212@c.us')).toMatchObject({ unreadCount: 2, muted: true, mutedUntil: null, lastMessage: { text: 'b', fromMe: false } });
		expect(chats.find((c) => c.id === '628120000213@c.us')).toMatchObject({ unreadCount: 1, lastMessage: { text: 'just now', fromMe: false, sender: '628120000213@c.us' } });

		const first = await t.api('GET', `${base}/chats?limit=1`);
		expect(first.body).toMatchObject({ total: chats.length, chats: [{ id: ids[0] }] });
		const second = await t.api('GET', `${base}/chats?limit=1&cursor=${first.body.nextCursor}`);
		expect(second.body.chats.map((c: Json) => c.id)).toEqual([ids[1]]);
		const bad = await t.api('GET', `${base}/chats?cursor=bm9uc2Vuc2U`);
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('CURSOR_INVALID');
		expect((await t.api('GET', `${base}/chats?limit=500`)).body.error.code).toBe('VALIDATION_FAILED');
	});

	it('mark read: the phone gets read receipts for the unread messages, and the chat has none unread', async () => {
		const first = await phone.receive({ from: '628120000221', body: 'are you open today?' });
		const second = await phone.receive({ from: '628120000221', body: 'hello?' });
		await pollUntil(() => chatOf('628120000221@c.us'), (c) => c?.unreadCount === 2, { what: 'two unread messages' });

		const res = await t.api('POST', `${base}/chats/628120000221/read`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ chatId: '628120000221@c.us', read: true });
		expect(phone.chats.readReceipts.filter((r) => r.chat === '628120000221@c.us')).toEqual([
			expect.objectContaining({ messageIds: [first.id, second.id] }),
		]);
		expect(await chatOf('628120000221@c.us')).toMatchObject({ unreadCount: 0 });
	});

	it('presence: typing shows for the seconds asked, then paused; recording; paused at once; bad states and durations are 400', async () => {
		await phone.receive({ from: '628120000231', body: 'can you check my booking?' });
		const chat = '628120000231@c.us';
		const states = () => phone.chatStates.filter((s) => s.chat === chat).map((s) => s.state);

		const typing = await t.api('POST', `${base}/chats/628120000231/presence`, { state: 'typing', seconds: 1 });
		expect(typing.status).toBe(200);
		expect(typing.body).toMatchObject({ chatId: chat, state: 'typing' });
		expect(Date.parse(typing.body.until)).toBeGreaterThan(Date.now());
		await pollUntil(states, (s) => s.join() === 'typing,stop', { what: 'typing, then paused' });

		await t.api('POST', `${base}/chats/628120000231/presence`, { state: 'recording', seconds: 30 });
		const paused = await t.api('POST', `${base}/chats/628120000231/presence`, { state: 'paused' });
		expect(paused.body).toEqual({ chatId: chat, state: 'paused', until: null });
		expect(states()).toEqual(['typing', 'stop', 'recording', 'stop']);

		for (const body of [{ state: 'dancing' }, { state: 'typing', seconds: 61 }, { state: 'typing', seconds: 0 }, {}]) {
			const bad = await t.api('POST', `${base}/chats/628120000231/presence`, body);
			expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		}
	});

	it('archive and unarchive, mute for a while, for good, and unmute: the phone sees each, the list shows it', async () => {
		await phone.receive({ from: '628120000241', body: 'thanks!' });
		const chat = '628120000241@c.us';

		expect((await t.api('POST', `${base}/chats/${chat}/archive`)).body).toEqual({ chatId: chat, archived: true });
		expect(phone.chats.archived.get(chat)).toBe(true);
		expect(await chatOf(chat)).toMatchObject({ archived: true });
		expect((await t.api('POST', `${base}/chats/${chat}/unarchive`)).body).toEqual({ chatId: chat, archived: false });
		expect(phone.chats.archived.get(chat)).toBe(false);

		const hour = await t.api('POST', `${base}/chats/${chat}/mute`, { seconds: 3600 });
		expect(hour.status).toBe(200);
		const ends = phone.chats.mutes.get(chat)!;
		expect(Math.abs(ends - (Date.now() / 1000 + 3600))).toBeLessThan(120);
		expect(hour.body).toEqual({ chatId: chat, muted: true, mutedUntil: new Date(ends * 1000).toISOString() });
		expect(await chatOf(chat)).toMatchObject({ muted: true, mutedUntil: hour.body.mutedUntil });

		const until = new Date(Date.now() + 86_400_000).toISOString();
		const untilRes = await t.api('POST', `${base}/chats/${chat}/mute`, { until });
		expect(phone.chats.mutes.get(chat)).toBe(Math.floor(Date.parse(until) / 1000));
		expect(untilRes.body.muted).toBe(true);

		expect((await t.api('POST', `${base}/chats/${chat}/mute`)).body).toEqual({ chatId: chat, muted: true, mutedUntil: null });
		expect(phone.chats.mutes.get(chat)).toBe(-1);
		expect((await t.api('POST', `${base}/chats/${chat}/unmute`)).body).toEqual({ chatId: chat, muted: false, mutedUntil: null });
		expect(phone.chats.mutes.get(chat)).toBe(0);
		expect(await chatOf(chat)).toMatchObject({ muted: false, mutedUntil: null });

		for (const body of [{ until: '2000-01-01T00:00:00Z' }, { seconds: 3600, until }, { seconds: 5 }]) {
			const bad = await t.api('POST', `${base}/chats/${chat}/mute`, body);
			expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		}
	});

	it('a group: its history names the members who wrote and the group, and the list has no phone for it', async () => {
		const group = '120363000000000261@g.us';
		const ids = await phone.chats.seedHistory(
			group,
			[
				{ body: 'who brings the cake?', author: '628120000262', pushname: 'Sari' },
				{ body: 'I will', fromMe: true },
				{ body: 'great', author: '628120000263' },
			],
			{ name: 'Clinic staff', group: { subject: 'Clinic staff', participants: ['628120000262@c.us', '628120000263@c.us'] } },
		);
		const res = await t.api('GET', `${base}/chats/${group}/messages`);
		expect(res.status).toBe(200);
		expect(res.body.messages.map((m: Json) => m.id)).toEqual([...ids].reverse());
		expect(res.body.messages[2]).toMatchObject({
			text: 'who brings the cake?',
			isGroup: true,
			group: { id: group, name: 'Clinic staff' },
			sender: '628120000262@c.us',
			senderPhone: '628120000262',
			chatPhone: null,
			fromMe: false,
		});
		expect(res.body.messages[1]).toMatchObject({ text: 'I will', fromMe: true, isGroup: true });
		expect(await chatOf(group)).toMatchObject({ isGroup: true, phone: null, name: 'Clinic staff', lastMessage: { text: 'great', sender: '628120000263@c.us' } });
	});

	it('a chat WhatsApp moved to a linked id is found by the phone number', async () => {
		h.fake.addContact({ phone: '628120000251', lid: '201000000000251', addressing: 'lid' });
		await phone.receive({ from: '628120000251', body: 'from my LID' });
		const res = await t.api('GET', `${base}/chats/628120000251/messages`);
		expect(res.status).toBe(200);
		expect(res.body.chatId).toBe('201000000000251@lid');
		expect(res.body.messages[0]).toMatchObject({ text: 'from my LID', chatLid: '201000000000251@lid' });
		expect(await chatOf('201000000000251@lid')).toMatchObject({ phone: '628120000251' });
	});

	it('every chat route answers SESSION_NOT_READY while the session is not READY', async () => {
		await t.api('POST', '/api/sessions', { id: 'idle', start: false });
		for (const [method, path, body] of [
			['GET', '/chats'],
			['GET', '/chats/628120000201/messages'],
			['POST', '/chats/628120000201/read'],
			['POST', '/chats/628120000201/presence', { state: 'typing' }],
			['POST', '/chats/628120000201/archive'],
			['POST', '/chats/628120000201/mute', {}],
		] as Array<[string, string, unknown?]>) {
			const res = await t.api(method, `/api/sessions/idle${path}`, body);
			expect([path, res.status, res.body.error.code]).toEqual([path, 409, 'SESSION_NOT_READY']);
		}
	});
});
