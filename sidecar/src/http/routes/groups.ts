import { Router, type Request } from 'express';
import type { GroupAction } from '../../contract';
import { GroupActionFailedError, GroupIdInvalidError, GroupInviteInvalidError, GroupParticipantsInvalidError, SessionNotReadyError, SidecarError } from '../../errors';
import { normalizeRecipient } from '../../sending/recipients';
import type { SessionManager } from '../../sessions/SessionManager';
import type { GroupOperations, ParticipantInput } from '../../sessions/engine/groupTypes';
import { withTimeout } from '../../util/withTimeout';
import { createGroupSchema, groupParticipantsSchema, joinGroupSchema, updateGroupSchema } from '../groupSchemas';
import { validate } from '../validate';

/** A group call's time limit; adds wait a little between participants (the library's own pacing). */
const GROUP_CALL_TIMEOUT_MS = 30_000;
const PER_PARTICIPANT_MS = 1_000;
const INVITE_LINK = 'https://chat.whatsapp.com/';

/**
 * Group management through a READY session: immediate calls, not queued (README: Groups).
 * Each call to the page is bounded; what WhatsApp Web refuses or does not answer becomes
 * GROUP_ACTION_FAILED, never a 500.
 */
export function groupRoutes(manager: SessionManager, defaultCountryCode: string | undefined): Router {
	const router = Router();

	/** The session's group operations, run within the time limit. */
	async function call<T>(req: Request, what: string, run: (groups: GroupOperations) => Promise<T>, extraMs = 0): Promise<T> {
		const session = manager.get(String(req.params.id));
		const engine = session.readyEngine();
		if (!engine) throw new SessionNotReadyError(session.id);
		try {
			return await withTimeout(run(engine.groups), GROUP_CALL_TIMEOUT_MS + extraMs, what);
		} catch (error) {
			if (error instanceof SidecarError) throw error;
			throw new GroupActionFailedError(what, error instanceof Error ? error.message : String(error), { cause: error });
		}
	}

	const people = (inputs: string[]): ParticipantInput[] => participantsOf(inputs, defaultCountryCode);

	router.post('/sessions/:id/groups/join', async (req, res) => {
		const { code: input } = validate(joinGroupSchema, req.body);
		const code = inviteCodeOf(input);
		const joined = await call(req, 'join the group', (groups) => groups.join(code));
		// The group's details arrive from WhatsApp shortly after joining: answered when the page has them.
		const group = await call(req, 'read the group', (groups) => groups.info(joined.groupId)).catch(() => null);
		res.json({ groupId: joined.groupId, group });
	});

	router.post('/sessions/:id/groups', async (req, res) => {
		const body = validate(createGroupSchema, req.body);
		const participants = people(body.participants);
		const created = await call(req, 'create the group', (groups) => groups.create(body.subject, participants), participants.length * PER_PARTICIPANT_MS);
		res.status(201).json(created);
	});

	router.get('/sessions/:id/groups/:groupId', async (req, res) => {
		const groupId = groupIdOf(String(req.params.groupId));
		res.json(await call(req, 'read the group', (groups) => groups.info(groupId)));
	});

	router.post('/sessions/:id/groups/:groupId/participants', async (req, res) => {
		const groupId = groupIdOf(String(req.params.groupId));
		const body = validate(groupParticipantsSchema, req.body);
		const participants = people(body.participants);
		const action = body.action as GroupAction;
		const results = await call(
			req,
			`${action} the participants`,
			(groups) => groups.updateParticipants(groupId, action, participants),
			participants.length * PER_PARTICIPANT_MS,
		);
		res.json({ groupId, action, participants: results });
	});

	router.patch('/sessions/:id/groups/:groupId', async (req, res) => {
		const groupId = groupIdOf(String(req.params.groupId));
		const changes = validate(updateGroupSchema, req.body);
		res.json(await call(req, 'change the group', (groups) => groups.update(groupId, changes)));
	});

	router.get('/sessions/:id/groups/:groupId/invite', async (req, res) => {
		const groupId = groupIdOf(String(req.params.groupId));
		const code = await call(req, 'get the invite link', (groups) => groups.inviteCode(groupId));
		res.json({ groupId, code, link: `${INVITE_LINK}${code}` });
	});

	router.delete('/sessions/:id/groups/:groupId/invite', async (req, res) => {
		const groupId = groupIdOf(String(req.params.groupId));
		const code = await call(req, 'reset the invite link', (groups) => groups.revokeInvite(groupId));
		res.json({ groupId, code, link: `${INVITE_LINK}${code}`, revoked: true });
	});

	router.post('/sessions/:id/groups/:groupId/leave', async (req, res) => {
		const groupId = groupIdOf(String(req.params.groupId));
		await call(req, 'leave the group', (groups) => groups.leave(groupId));
		res.json({ groupId, left: true });
	});

	return router;
}

/** `120363…@g.us`, or the bare number (old ids: `<creator>-<time>`). */
export function groupIdOf(input: string): string {
	const user = input.trim().replace(/@g\.us$/i, '');
	try {
		const recipient = normalizeRecipient(`${user}@g.us`);
		if (recipient.kind === 'group') return recipient.chatId;
	} catch {
		// answered below, with the group's own code
	}
	throw new GroupIdInvalidError(input);
}

/** Phone numbers (normalized like a message's `to`) or user ids; every problem is named at once. */
export function participantsOf(inputs: string[], defaultCountryCode: string | undefined): ParticipantInput[] {
	const problems: Array<{ input: string; problem: string }> = [];
	const seen = new Set<string>();
	const participants: ParticipantInput[] = [];
	for (const input of inputs) {
		try {
			const recipient = normalizeRecipient(input, defaultCountryCode);
			if (recipient.kind !== 'user') {
				problems.push({ input, problem: 'a group cannot be a participant' });
				continue;
			}
			if (seen.has(recipient.chatId)) continue;
			seen.add(recipient.chatId);
			participants.push({ input, id: recipient.chatId });
		} catch (error) {
			problems.push({ input, problem: error instanceof Error ? error.message : String(error) });
		}
	}
	if (problems.length) throw new GroupParticipantsInvalidError(problems);
	return participants;
}

/** The code of an invite: given alone, or as the link (https://chat.whatsapp.com/<code>). */
export function inviteCodeOf(input: string): string {
	const text = input.trim();
	const link = /^(?:https?:\/\/)?chat\.whatsapp\.com\/(?:invite\/)?([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(text);
	const code = link ? link[1] : text;
	if (!/^[A-Za-z0-9_-]{6,64}$/.test(code)) throw new GroupInviteInvalidError(input, 'it is not an invite code or a chat.whatsapp.com link');
	return code;
}
