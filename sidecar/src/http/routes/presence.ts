import { Router } from 'express';
import type { SessionManager } from '../../sessions/SessionManager';
import { presenceSchema } from '../schemas';
import { validate } from '../validate';
import { existingChat, pageCall, readyEngine } from './chatCalls';

const DEFAULT_SECONDS = 10;
/** WhatsApp shows "typing…" for a while after each chat state; a longer one is said again before it fades. */
const REPEAT_MS = 20_000;

/**
 * "typing…" / "recording audio…" in a chat for a few seconds, then paused. Answered at once:
 * the sidecar ends the state itself (a timer per chat; a new state for the chat replaces it).
 */
export function presenceRoutes(manager: SessionManager, defaultCountryCode: string | undefined): Router {
	const router = Router();
	const timers = new Map<string, NodeJS.Timeout[]>();
	const clear = (key: string) => {
		for (const timer of timers.get(key) ?? []) clearTimeout(timer);
		timers.delete(key);
	};

	router.post('/sessions/:id/chats/:chatId/presence', async (req, res) => {
		const session = manager.get(String(req.params.id));
		const body = validate(presenceSchema, req.body);
		const engine = readyEngine(session);
		const chatId = await existingChat(engine, String(req.params.chatId), defaultCountryCode);
		const key = `${session.id}\n${chatId}`;
		clear(key);
		await pageCall(engine.setChatPresence(chatId, body.state), 'showing the chat state');
		if (body.state === 'paused') {
			res.json({ chatId, state: 'paused', until: null });
			return;
		}
		const ms = (body.seconds ?? DEFAULT_SECONDS) * 1000;
		// Later calls go to whatever engine is READY then (a restart in between gets a new one); failures only cost the indicator.
		const later = (state: 'typing' | 'recording' | 'paused') => () => {
			if (state === 'paused') timers.delete(key);
			void session.readyEngine()?.setChatPresence(chatId, state).catch(() => undefined);
		};
		const scheduled: NodeJS.Timeout[] = [];
		for (let at = REPEAT_MS; at < ms; at += REPEAT_MS) scheduled.push(setTimeout(later(body.state), at).unref());
		scheduled.push(setTimeout(later('paused'), ms).unref());
		timers.set(key, scheduled);
		res.json({ chatId, state: body.state, until: new Date(Date.now() + ms).toISOString() });
	});

	return router;
}
