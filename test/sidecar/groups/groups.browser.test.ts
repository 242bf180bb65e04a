import type { FakePhone } from '../../fake-whatsapp-web';
import { pollUntil } from '../../support/poll';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ME = '6281100000200';
const ANA = '6281100000201';
const BUDI = '6281100000202';
const CITRA = '6281100000203';
const DEWI = '6281100000204';

/**
 * Group management through the whole sidecar over HTTP, the real whatsapp-web.js in Chromium
 * and the fake WhatsApp Web: what the routes answer, and what WhatsApp's servers (the fake's
 * groups) then hold.
 */
describe('groups through the real library', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;
	let groupId: string;

	const api = (method: string, path: string, body?: unknown) => t.api(method, `/api/sessions/clinic${path}`, body) as Promise<{ status: number; body: Json }>;
	const server = () => h.fake.groups.get(groupId)!;
	const members = () => [...server().members.keys()].sort();

	beforeAll(async () => {
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off' } });
		await t.api('POST', '/api/sessions', { id: 'clinic' });
		phone = await scanSession(t, h.fake, 'clinic', ME);
		await waitForSession(t, 'clinic', status('READY'));
		await phone.waitUntilListening();
	});
	afterAll(() => {
		expect(h.fake.unknownModules).toEqual(new Set());
		expect(h.fake.errors).toEqual([]);
	});

	it('creates a group: per-participant results, and WhatsApp has the members with this account as its admin', async () => {
		h.fake.setUnregistered(['6281100000299']);
		h.fake.groups.requireInvite([DEWI]);
		const created = await api('POST', '/groups', { subject: 'Clinic staff', participants: [`+${ANA}`, BUDI, '6281100000299', DEWI] });
		expect(created.status).toBe(201);
		groupId = created.body.groupId;
		expect(groupId).toMatch(/^\d+@g\.us$/);
		expect(created.body.participants).toEqual([
			expect.objectContaining({ input: `+${ANA}`, id: `${ANA}@c.us`, result: 'added', code: 200 }),
			expect.objectContaining({ input: BUDI, result: 'added' }),
			expect.objectContaining({ input: '6281100000299', result: 'not_on_whatsapp', code: 404 }),
			expect.objectContaining({ input: DEWI, result: 'invite_sent', code: 403 }),
		]);
		expect(created.body.group).toMatchObject({ id: groupId, subject: 'Clinic staff', iAmAdmin: true });
		expect(server().subject).toBe('Clinic staff');
		expect(members()).toEqual([`${ME}@c.us`, `${ANA}@c.us`, `${BUDI}@c.us`]);
		expect(server().members.get(`${ME}@c.us`)).toEqual({ admin: true, superAdmin: true });
		expect(server().invitesSent).toEqual([`${DEWI}@c.us`]);
	});

	it('reads a group by its id or bare number: subject, owner, settings, participants with admin flags and phones', async () => {
		const byNumber = await api('GET', `/groups/${groupId.split('@')[0]}`);
		expect(byNumber.status).toBe(200);
		expect(byNumber.body).toMatchObject({
			id: groupId,
			subject: 'Clinic staff',
			owner: `${ME}@c.us`,
			description: null,
			settings: { messagesAdminsOnly: false, infoAdminsOnly: false },
			iAmMember: true,
			iAmAdmin: true,
		});
		expect(new Date(byNumber.body.createdAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
		expect(byNumber.body.participants).toEqual(
			expect.arrayContaining([
				{ id: `${ME}@c.us`, phone: ME, isAdmin: true, isSuperAdmin: true },
				{ id: `${ANA}@c.us`, phone: ANA, isAdmin: false, isSuperAdmin: false },
			]),
		);
		expect((await api('GET', `/groups/${groupId}`)).body.id).toBe(groupId);
	});

	it('adds participants: added, already there, not on WhatsApp', async () => {
		const added = await api('POST', `/groups/${groupId}/participants`, { action: 'add', participants: [CITRA, ANA, '6281100000299'] });
		expect(added.status).toBe(200);
		expect(added.body.participants.map((p: Json) => [p.input, p.result])).toEqual([
			[CITRA, 'added'],
			[ANA, 'already_member'],
			['6281100000299', 'not_on_whatsapp'],
		]);
		expect(members()).toContain(`${CITRA}@c.us`);
	});

	it('promotes and demotes: per-participant results, and WhatsApp has the new admins', async () => {
		const promoted = await api('POST', `/groups/${groupId}/participants`, { action: 'promote', participants: [ANA, DEWI] });
		expect(promoted.body.participants.map((p: Json) => p.result)).toEqual(['promoted', 'not_member']);
		expect(server().members.get(`${ANA}@c.us`)?.admin).toBe(true);
		const again = await api('POST', `/groups/${groupId}/participants`, { action: 'promote', participants: [ANA] });
		expect(again.body.participants[0].result).toBe('already_admin');
		const demoted = await api('POST', `/groups/${groupId}/participants`, { action: 'demote', participants: [ANA, BUDI] });
		expect(demoted.body.participants.map((p: Json) => p.result)).toEqual(['demoted', 'not_admin']);
		expect(server().members.get(`${ANA}@c.us`)?.admin).toBe(false);
	});

	it('removes a participant', async () => {
		const removed = await api('POST', `/groups/${groupId}/participants`, { action: 'remove', participants: [`${CITRA}@c.us`] });
		expect(removed.body.participants).toEqual([expect.objectContaining({ id: `${CITRA}@c.us`, result: 'removed' })]);
		expect(members()).not.toContain(`${CITRA}@c.us`);
	});

	it('changes the subject, description and settings', async () => {
		const changed = await api('PATCH', `/groups/${groupId}`, {
			subject: 'Clinic staff (Mon-Fri)',
			description: 'Shifts and rota',
			settings: { messagesAdminsOnly: true, infoAdminsOnly: true },
		});
		expect(changed.status).toBe(200);
		expect(changed.body).toMatchObject({
			subject: 'Clinic staff (Mon-Fri)',
			description: 'Shifts and rota',
			settings: { messagesAdminsOnly: true, infoAdminsOnly: true },
		});
		expect(server()).toMatchObject({ subject: 'Clinic staff (Mon-Fri)', description: 'Shifts and rota', announce: true, restrict: true });
		const back = await api('PATCH', `/groups/${groupId}`, { settings: { messagesAdminsOnly: false } });
		expect(back.body.settings).toEqual({ messagesAdminsOnly: false, infoAdminsOnly: true });
		expect(server().announce).toBe(false);
	});

	it('gets and revokes the invite link; a join by the old link is refused, by the new one works', async () => {
		const first = await api('GET', `/groups/${groupId}/invite`);
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ groupId, code: server().inviteCode, link: `https://chat.whatsapp.com/${server().inviteCode}` });
		const revoked = await api('DELETE', `/groups/${groupId}/invite`);
		expect(revoked.status).toBe(200);
		expect(revoked.body.code).toBe(server().inviteCode);
		expect(revoked.body.code).not.toBe(first.body.code);

		// Another group, made by someone else, whose link this account gets.
		const other = h.fake.groups.create(ANA, 'Ana\'s book club', [BUDI]).group;
		const stale = await api('POST', '/groups/join', { code: first.body.link });
		expect(stale.status).toBe(422);
		expect(stale.body.error.code).toBe('GROUP_INVITE_INVALID');
		const code = h.fake.groups.inviteCodeOf(other.id, ANA);
		const joined = await api('POST', '/groups/join', { code: `https://chat.whatsapp.com/${code}` });
		expect(joined.status).toBe(200);
		expect(joined.body.groupId).toBe(other.id);
		expect(joined.body.group).toMatchObject({ id: other.id, subject: 'Ana\'s book club', iAmMember: true, iAmAdmin: false });
		expect(h.fake.groups.get(other.id)!.members.has(`${ME}@c.us`)).toBe(true);

		// Not an admin there: the admin-only routes say so.
		const link = await api('GET', `/groups/${other.id}/invite`);
		expect(link.status).toBe(403);
		expect(link.body.error.code).toBe('GROUP_NOT_ADMIN');
		const add = await api('POST', `/groups/${other.id}/participants`, { action: 'add', participants: [CITRA] });
		expect(add.status).toBe(403);
		expect(add.body.error.code).toBe('GROUP_NOT_ADMIN');
		const settings = await api('PATCH', `/groups/${other.id}`, { settings: { infoAdminsOnly: true } });
		expect(settings.body.error.code).toBe('GROUP_NOT_ADMIN');
		// Any member may rename a group until its admins keep the info to themselves.
		const renamed = await api('PATCH', `/groups/${other.id}`, { subject: 'Book club (Thursdays)' });
		expect([renamed.status, renamed.body.subject]).toEqual([200, 'Book club (Thursdays)']);
		expect(h.fake.groups.get(other.id)!.subject).toBe('Book club (Thursdays)');
		h.fake.groups.setProperty(other.id, ANA, 'restrict', true);
		await pollUntil(() => api('GET', `/groups/${other.id}`), (r) => r.body.settings?.infoAdminsOnly === true, { what: 'the restrict setting reaching the page' });
		const refused = await api('PATCH', `/groups/${other.id}`, { description: 'Bring snacks' });
		expect([refused.status, refused.body.error.code]).toEqual([403, 'GROUP_NOT_ADMIN']);
		expect(h.fake.groups.get(other.id)!.description).toBe('');

		const left = await api('POST', `/groups/${other.id}/leave`);
		expect(left.status).toBe(200);
		expect(left.body).toEqual({ groupId: other.id, left: true });
		expect(h.fake.groups.get(other.id)!.members.has(`${ME}@c.us`)).toBe(false);
	});

	it('answers 4xx with a code for what cannot be done', async () => {
		const unknown = await api('GET', '/groups/120363999999999999@g.us');
		expect([unknown.status, unknown.body.error.code]).toEqual([404, 'GROUP_NOT_FOUND']);
		const badId = await api('GET', '/groups/family');
		expect([badId.status, badId.body.error.code]).toEqual([400, 'GROUP_ID_INVALID']);
		const badPeople = await api('POST', `/groups/${groupId}/participants`, { action: 'add', participants: ['call me', ANA] });
		expect([badPeople.status, badPeople.body.error.code]).toEqual([400, 'GROUP_PARTICIPANTS_INVALID']);
		expect(badPeople.body.error.details.problems).toEqual([expect.objectContaining({ input: 'call me' })]);
		const badAction = await api('POST', `/groups/${groupId}/participants`, { action: 'kick', participants: [ANA] });
		expect([badAction.status, badAction.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		const nothing = await api('PATCH', `/groups/${groupId}`, {});
		expect([nothing.status, nothing.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		const noSubject = await api('POST', '/groups', { participants: [ANA] });
		expect([noSubject.status, noSubject.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
		const badLink = await api('POST', '/groups/join', { code: 'https://example.com/not-a-link' });
		expect([badLink.status, badLink.body.error.code]).toEqual([422, 'GROUP_INVITE_INVALID']);
		const wrongCode = await api('POST', '/groups/join', { code: 'AAAAAAAAAAAAAAAAAAAAAA' });
		expect([wrongCode.status, wrongCode.body.error.code]).toEqual([422, 'GROUP_INVITE_INVALID']);
		const noSession = await t.api('GET', `/api/sessions/nobody/groups/${groupId}`);
		expect(noSession.status).toBe(404);
	});

	it('still knows the group after a restart (WhatsApp Web loads it again)', async () => {
		await t.api('POST', '/api/sessions/clinic/restart');
		await waitForSession(t, 'clinic', status('READY'));
		const again = await api('GET', `/groups/${groupId}`);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ id: groupId, subject: 'Clinic staff (Mon-Fri)', iAmAdmin: true });
	});

	it('answers SESSION_NOT_READY while the session is stopped', async () => {
		await t.api('POST', '/api/sessions/clinic/stop');
		await waitForSession(t, 'clinic', status('STOPPED'));
		const stopped = await api('GET', `/groups/${groupId}`);
		expect([stopped.status, stopped.body.error.code]).toEqual([409, 'SESSION_NOT_READY']);
	});
});
