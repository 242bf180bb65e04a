import type { FakePhone } from '../../fake-whatsapp-web';
import { startReceiver, type Receiver, type Received } from '../../support/receiver';
import { scanSession, status, useSidecarHarness, waitForSession } from '../../support/sidecarHarness';
import type { TestSidecar } from '../../support/testSidecar';

const SECRET = 'group-events-secret-0123';
const ME = '6281100000300';
const ANA = '6281100000301';
const BUDI = '6281100000302';
const CITRA = '6281100000303';
const DEWI = '6281100000304';

/**
 * Group events, from what other members do on WhatsApp (the fake's groups), through WhatsApp
 * Web's gp2 notifications, the real whatsapp-web.js and the sidecar, to a webhook receiver.
 */
describe('group events through the real library', () => {
	const h = useSidecarHarness();
	let t: TestSidecar;
	let phone: FakePhone;
	let receiver: Receiver;
	let groupId: string;

	/** The first delivered event of `type` whose payload satisfies `match`. */
	const delivered = async (type: string, match: (payload: Record<string, any>) => boolean, what: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
		const find = (all: Received[]) => all.find((r) => r.body?.type === type && match(r.body.payload));
		await receiver.waitFor((all) => find(all) !== undefined, `${type}: ${what}`, 30_000, () => JSON.stringify(receiver.received.map((r) => r.body), null, 1));
		const found = find(receiver.received)!;
		expect(receiver.verifies(found, SECRET)).toBe(true);
		expect(found.body.session).toBe('events');
		return found.body.payload;
	};

	beforeAll(async () => {
		receiver = await startReceiver();
		t = await h.sidecar({ env: { SIDECAR_PACING: 'off' } });
		const hook = await t.api('POST', '/api/webhooks', {
			url: receiver.url,
			events: ['group.join', 'group.leave', 'group.update', 'group.admin_changed'],
			secret: SECRET,
		});
		expect(hook.status).toBe(201);
		await t.api('POST', '/api/sessions', { id: 'events' });
		phone = await scanSession(t, h.fake, 'events', ME);
		await waitForSession(t, 'events', status('READY'));
		await phone.waitUntilListening();
		// Ana makes a group with this account and Citra in it.
		groupId = h.fake.groups.create(ANA, 'Neighbours', [ME, CITRA]).group.id;
	});
	afterAll(async () => {
		await receiver.close();
		expect(h.fake.unknownModules).toEqual(new Set());
		expect(h.fake.errors).toEqual([]);
	});

	it('group.update when someone creates a group with this account in it', async () => {
		const payload = await delivered('group.update', (p) => p.groupId === groupId && p.what === 'created', 'the creation');
		expect(payload).toMatchObject({ groupName: 'Neighbours', by: `${ANA}@c.us`, byPhone: ANA, kind: 'create', subject: 'Neighbours' });
	});

	it('group.join when an admin adds someone, with who did it and the phone numbers', async () => {
		h.fake.groups.add(groupId, ANA, [BUDI]);
		const payload = await delivered('group.join', (p) => p.groupId === groupId && p.participants.some((x: { id: string }) => x.id === `${BUDI}@c.us`), 'Budi added');
		expect(payload).toMatchObject({
			groupName: 'Neighbours',
			how: 'added',
			by: `${ANA}@c.us`,
			byPhone: ANA,
			participants: [{ id: `${BUDI}@c.us`, phone: BUDI }],
			includesMe: false,
		});
		expect(typeof payload.timestamp).toBe('number');
	});

	it('group.join with how "invite" when someone joins through the link', async () => {
		h.fake.groups.join(h.fake.groups.inviteCodeOf(groupId, ANA), DEWI);
		const payload = await delivered('group.join', (p) => p.groupId === groupId && p.how === 'invite', 'Dewi joined by link');
		expect(payload.participants).toEqual([{ id: `${DEWI}@c.us`, phone: DEWI }]);
	});

	it('group.leave: someone leaves, and someone is removed', async () => {
		h.fake.groups.leave(groupId, BUDI);
		const left = await delivered('group.leave', (p) => p.groupId === groupId && p.how === 'left', 'Budi left');
		expect(left).toMatchObject({ by: `${BUDI}@c.us`, participants: [{ id: `${BUDI}@c.us`, phone: BUDI }], includesMe: false });
		h.fake.groups.modify(groupId, ANA, 'remove', [CITRA]);
		const removed = await delivered('group.leave', (p) => p.groupId === groupId && p.how === 'removed', 'Citra removed');
		expect(removed).toMatchObject({ by: `${ANA}@c.us`, participants: [{ id: `${CITRA}@c.us`, phone: CITRA }] });
	});

	it('group.admin_changed: this account is promoted, then demoted', async () => {
		h.fake.groups.modify(groupId, ANA, 'promote', [ME]);
		const promoted = await delivered('group.admin_changed', (p) => p.groupId === groupId && p.change === 'promoted', 'promoted');
		expect(promoted).toMatchObject({ by: `${ANA}@c.us`, participants: [{ id: `${ME}@c.us`, phone: ME }], includesMe: true });
		// Now an admin, the session can do what admins do.
		expect((await t.api('GET', `/api/sessions/events/groups/${groupId}`)).body.iAmAdmin).toBe(true);
		h.fake.groups.modify(groupId, ANA, 'demote', [ME]);
		await delivered('group.admin_changed', (p) => p.groupId === groupId && p.change === 'demoted', 'demoted');
	});

	it('group.update: a new subject, a description, and the admins-only settings, with the values after the change', async () => {
		h.fake.groups.setSubject(groupId, ANA, 'Neighbours of Jl. Melati');
		const subject = await delivered('group.update', (p) => p.groupId === groupId && p.what === 'subject', 'the subject');
		expect(subject).toMatchObject({ kind: 'subject', subject: 'Neighbours of Jl. Melati', groupName: 'Neighbours of Jl. Melati', by: `${ANA}@c.us` });
		h.fake.groups.setDescription(groupId, ANA, 'Rubbish day is Tuesday');
		const description = await delivered('group.update', (p) => p.groupId === groupId && p.what === 'description', 'the description');
		expect(description.description).toBe('Rubbish day is Tuesday');
		h.fake.groups.setProperty(groupId, ANA, 'announce', true);
		const settings = await delivered('group.update', (p) => p.groupId === groupId && p.kind === 'announce', 'admins-only messages');
		expect(settings).toMatchObject({ what: 'settings', settings: { messagesAdminsOnly: true, infoAdminsOnly: false } });
	});

	it('group.leave with includesMe when this account is removed', async () => {
		h.fake.groups.modify(groupId, ANA, 'remove', [ME]);
		const payload = await delivered('group.leave', (p) => p.groupId === groupId && p.includesMe === true, 'this account removed');
		expect(payload).toMatchObject({ how: 'removed', participants: [{ id: `${ME}@c.us`, phone: ME }] });
	});
});
