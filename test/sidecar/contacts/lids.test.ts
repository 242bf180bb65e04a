import type { EventEnvelope } from '../../../sidecar/src/contract';
import type { IncomingMessage } from '../../../sidecar/src/sessions/engine/Engine';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const LID = '201000000000007@lid';
const PHONE = '628120000007';
const WAIT_MS = 400;

const fromLid = (id: string, text: string): IncomingMessage => ({ id: `false_${LID}_${id}`, chatId: LID, sender: LID, fromMe: false, type: 'chat', text, timestamp: 1, isGroup: false });

/** A sidecar on scripted engines, with its `message` events collected. */
async function sidecarWith(engines: ReturnType<typeof scriptedEngines>, dataDir?: string) {
	const t = await startTestSidecar({ dataDir, engineFactory: engines.factory, env: { SIDECAR_LID_LOOKUP_WAIT_MS: String(WAIT_MS) } });
	const messages: Seen[] = [];
	t.sidecar.bus.subscribe((event) => {
		if (event.type === 'message') messages.push({ ...event, at: Date.now() });
	});
	return { t, messages };
}

async function ready(t: TestSidecar, engines: ReturnType<typeof scriptedEngines>, create: boolean): Promise<void> {
	if (create) expect((await t.api('POST', '/api/sessions', { id: 'desk' })).status).toBe(201);
	// After a restart the session starts again by itself: wait for its new engine.
	const engine = await pollUntil(() => engines.latest(), (e) => e?.started === true && !e.stopped, { what: 'a started engine' });
	engine.emit({ type: 'ready', account: { wid: '15550009999@c.us' } });
	await pollUntil(() => t.api('GET', '/api/sessions/desk').then((r) => r.body.status), (s) => s === 'READY', { what: 'desk READY' });
}

type Seen = EventEnvelope<'message'> & { at: number };

const byText = (messages: Seen[], text: string) =>
	pollUntil(() => messages.find((m) => m.payload.text === text), (m) => m !== undefined, { what: `the message event "${text}"`, timeoutMs: 10_000 }).then((m) => m!);

describe('LID senders in message events (scripted engine)', () => {
	it('a phone number learnt once is still known after a sidecar restart, without asking WhatsApp again', async () => {
		const engines = scriptedEngines();
		const first = await sidecarWith(engines);
		await ready(first.t, engines, true);
		engines.latest().addresses.set(LID, { lid: LID, phone: PHONE });
		engines.latest().emit({ type: 'message', message: fromLid('A', 'before the restart') });
		const before = await byText(first.messages, 'before the restart');
		expect(before.payload).toMatchObject({ sender: LID, senderPhone: PHONE, senderLid: LID, chatId: LID, chatPhone: PHONE, chatLid: LID });
		await first.t.stop();

		// The new engine never answers a lookup: only the database can know the number now.
		engines.prepareNext((engine) => (engine.lookupWith = 'hang'));
		const second = await sidecarWith(engines, first.t.dataDir);
		try {
			await ready(second.t, engines, false);
			const sentAt = Date.now();
			engines.latest().emit({ type: 'message', message: fromLid('B', 'after the restart') });
			const after = await byText(second.messages, 'after the restart');
			expect(after.payload).toMatchObject({ senderPhone: PHONE, senderLid: LID, chatPhone: PHONE });
			expect(engines.latest().lookups).toEqual([]);
			expect(after.at - sentAt).toBeLessThan(WAIT_MS);
		} finally {
			await second.t.stop();
		}
	});

	it('a lookup that never answers: the event still goes out within the wait, with senderPhone null', async () => {
		const engines = scriptedEngines();
		engines.prepareNext((engine) => (engine.lookupWith = 'hang'));
		const { t, messages } = await sidecarWith(engines);
		try {
			await ready(t, engines, true);
			const sentAt = Date.now();
			engines.latest().emit({ type: 'message', message: fromLid('C', 'is anyone there?') });
			const event = await byText(messages, 'is anyone there?');
			expect(event.payload).toMatchObject({ sender: LID, senderPhone: null, senderLid: LID, chatPhone: null, chatLid: LID });
			expect(engines.latest().lookups).toEqual([LID]); // sender and chat are one person: asked once
			expect(event.at - sentAt).toBeGreaterThanOrEqual(WAIT_MS - 20);
			expect(event.at - sentAt).toBeLessThan(WAIT_MS + 2_000);

			// Messages from several new people at once: each waits its own time, not one after the other.
			const others = ['201000000000801@lid', '201000000000802@lid', '201000000000803@lid'];
			const burstAt = Date.now();
			for (const [i, lid] of others.entries()) {
				engines.latest().emit({ type: 'message', message: { ...fromLid(`E${i}`, `burst ${i}`), id: `false_${lid}_E${i}`, chatId: lid, sender: lid } });
			}
			const last = await byText(messages, 'burst 2');
			expect(last.payload).toMatchObject({ sender: others[2], senderPhone: null });
			expect(last.at - burstAt).toBeLessThan(2 * WAIT_MS);
		} finally {
			await t.stop();
		}
	});
});
