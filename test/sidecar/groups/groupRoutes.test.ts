import type { EventEnvelope, GroupJoinPayload } from '../../../sidecar/src/contract';
import { matches, type Subscription } from '../../../sidecar/src/delivery/Subscription';
import { GroupNotAdminError } from '../../../sidecar/src/errors';
import { inviteCodeOf } from '../../../sidecar/src/http/routes/groups';
import { pollUntil } from '../../support/poll';
import { scriptedEngines } from '../../support/scriptedEngine';
import { startTestSidecar, type TestSidecar } from '../../support/testSidecar';

const GROUP = '120363000000000001@g.us';

/** The group routes and events with a scripted engine: what reaches the engine, and how its failures are answered. */
describe('group routes and events (scripted engine)', () => {
	let t: TestSidecar;
	const engines = scriptedEngines();
	const published: EventEnvelope[] = [];

	beforeAll(async () => {
		t = await startTestSidecar({ engineFactory: engines.factory });
		t.sidecar.bus.subscribe((event) => published.push(event));
		await t.api('POST', '/api/sessions', { id: 'desk' });
		engines.latest().emit({ type: 'ready', account: { wid: '15550001111@c.us' } });
		await pollUntil(() => t.api('GET', '/api/sessions/desk'), (r) => r.body.status === 'READY', { what: 'desk READY' });
	});
	afterAll(() => t.stop());

	beforeEach(() => {
		const groups = engines.latest().groups;
		groups.calls.length = 0;
		groups.failWith = undefined;
	});

	it('hands the engine normalized participants (numbers as ids, repeats once) and group ids', async () => {
		const groups = engines.latest().groups;
		const answer = await t.api('POST', `/api/sessions/desk/groups/${GROUP.split('@')[0]}/participants`, {
			action: 'add',
			participants: ['+62 812-3456-789', '628123456789@c.us', '201000000000101@lid'],
		});
		expect(answer.status).toBe(200);
		expect(groups.calls).toEqual([
			{
				op: 'updateParticipants',
				args: [
					GROUP,
					'add',
					[
						{ input: '+62 812-3456-789', id: '628123456789@c.us' },
						{ input: '201000000000101@lid', id: '201000000000101@lid' },
					],
				],
			},
		]);
	});

	it('refuses a group as a participant, naming it', async () => {
		const answer = await t.api('POST', '/api/sessions/desk/groups', { subject: 'Team', participants: [GROUP] });
		expect([answer.status, answer.body.error.code]).toEqual([400, 'GROUP_PARTICIPANTS_INVALID']);
		expect(answer.body.error.details.problems).toEqual([{ input: GROUP, problem: 'a group cannot be a participant' }]);
	});

	it('answers what WhatsApp Web did not do as 422 GROUP_ACTION_FAILED (never a 500), and the engine\'s own group errors as they are', async () => {
		const groups = engines.latest().groups;
		groups.failWith = new Error('Evaluation failed: TypeError: Cannot read properties of undefined');
		const failed = await t.api('PATCH', `/api/sessions/desk/groups/${GROUP}`, { subject: 'New' });
		expect([failed.status, failed.body.error.code]).toEqual([422, 'GROUP_ACTION_FAILED']);
		expect(failed.body.error.message).toContain('change the group');
		groups.failWith = new GroupNotAdminError(GROUP, 'get the invite link');
		const notAdmin = await t.api('GET', `/api/sessions/desk/groups/${GROUP}/invite`);
		expect([notAdmin.status, notAdmin.body.error.code]).toEqual([403, 'GROUP_NOT_ADMIN']);
	});

	it('publishes a group event of the engine as its wire event, for the session', async () => {
		const payload: GroupJoinPayload = {
			groupId: GROUP,
			groupName: 'Team',
			by: '15550002222@c.us',
			byPhone: '15550002222',
			timestamp: 1_790_000_000,
			participants: [{ id: '15550003333@c.us', phone: '15550003333' }],
			includesMe: false,
			how: 'added',
		};
		engines.latest().emit({ type: 'group', event: { type: 'group.join', payload } });
		const event = await pollUntil(() => published.find((e) => e.type === 'group.join'), (e) => e !== undefined, { what: 'group.join published' });
		expect(event).toMatchObject({ type: 'group.join', session: 'desk', payload });
	});

	it('filters: groups: false leaves group events out, and a chats filter can name the group', () => {
		const event = { id: 'e1', type: 'group.update', session: 'desk', timestamp: '', payload: { groupId: GROUP } } as unknown as EventEnvelope;
		const subscription = (filters: Subscription['filters']): Subscription =>
			({ id: 'w', url: 'http://x', events: ['*'], sessions: null, filters, secret: 's', createdAt: '' }) as Subscription;
		expect(matches(subscription({}), event)).toBe(true);
		expect(matches(subscription({ groups: false }), event)).toBe(false);
		expect(matches(subscription({ chats: [GROUP] }), event)).toBe(true);
		expect(matches(subscription({ chats: ['15550003333@c.us'] }), event)).toBe(false);
		// A status filter is about message jobs: it does not drop group events.
		expect(matches(subscription({ ackStatuses: ['read'] }), event)).toBe(true);
	});

	it('reads an invite code from the code alone or the whole link', () => {
		expect(inviteCodeOf('AbCdEfGhIjKlMnOpQrStUv')).toBe('AbCdEfGhIjKlMnOpQrStUv');
		expect(inviteCodeOf(' https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv ')).toBe('AbCdEfGhIjKlMnOpQrStUv');
		expect(inviteCodeOf('chat.whatsapp.com/invite/AbCdEf123?x=1')).toBe('AbCdEf123');
		expect(() => inviteCodeOf('https://example.com/AbCdEf123')).toThrow(expect.objectContaining({ code: 'GROUP_INVITE_INVALID' }));
	});
});
