import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppSidecar } from '../../../nodes/WhatsAppSidecar/WhatsAppSidecar.node';
import { answers, BASE_URL, executeContext, requests, run, sidecarFailure } from './context';

const GROUP = '120363012345678901@g.us';
const SESSIONS = `${BASE_URL}/api/sessions/main`;

describe('Group resource', () => {
	const base = { resource: 'group', session: 'main', groupId: GROUP };

	it.each([
		['create', { subject: ' Clinic staff ', participants: '+62 812 3456 789, 628987654321\n628111222333' }, 'POST', `${SESSIONS}/groups`, { subject: 'Clinic staff', participants: ['+62 812 3456 789', '628987654321', '628111222333'] }],
		['create', { subject: 'Just me', participants: '' }, 'POST', `${SESSIONS}/groups`, { subject: 'Just me', participants: [] }],
		['getInfo', {}, 'GET', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}`, undefined],
		['updateParticipants', { participantAction: 'promote', participants: ['628987654321'] }, 'POST', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}/participants`, { action: 'promote', participants: ['628987654321'] }],
		['updateSettings', { changes: { subject: 'New name', messagesAdminsOnly: 'on', infoAdminsOnly: 'off' } }, 'PATCH', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}`, { subject: 'New name', settings: { messagesAdminsOnly: true, infoAdminsOnly: false } }],
		['updateSettings', { changes: { description: '' } }, 'PATCH', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}`, { description: '' }],
		['getInviteLink', {}, 'GET', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}/invite`, undefined],
		['revokeInviteLink', {}, 'DELETE', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}/invite`, undefined],
		['join', { code: ' https://chat.whatsapp.com/AbCdEf1234 ' }, 'POST', `${SESSIONS}/groups/join`, { code: 'https://chat.whatsapp.com/AbCdEf1234' }],
		['leave', {}, 'POST', `${SESSIONS}/groups/${encodeURIComponent(GROUP)}/leave`, undefined],
	])('%s: asks the sidecar and outputs its answer with pairedItem', async (operation, extra, method, url, body) => {
		const ctx = executeContext({ ...base, operation, ...extra }, [{ json: {} }, { json: {} }]);
		answers(ctx, { answer: 1 }, { answer: 2 });
		expect(await run(ctx)).toEqual([
			{ json: { answer: 1 }, pairedItem: { item: 0 } },
			{ json: { answer: 2 }, pairedItem: { item: 1 } },
		]);
		expect(requests(ctx)[0]).toEqual({ method, url, json: true, ...(body === undefined ? {} : { body }) });
	});

	it.each([
		['getInfo', { groupId: '  ' }],
		['updateParticipants', { participants: ' , ' }],
		['updateSettings', { changes: {} }],
		['create', { subject: ' ' }],
		['join', { code: '' }],
	])('%s: asks for what is missing before calling the sidecar', async (operation, extra) => {
		const ctx = executeContext({ ...base, operation, participantAction: 'add', ...extra });
		await expect(run(ctx)).rejects.toBeInstanceOf(NodeOperationError);
		expect(ctx.helpers.httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	it('fails with the sidecar\'s words and code (not an admin), or keeps them on the item with Continue On Fail', async () => {
		const failure = sidecarFailure(403, 'GROUP_NOT_ADMIN', 'Only group admins can get the invite link, and this WhatsApp account is not an admin.');
		const ctx = executeContext({ ...base, operation: 'getInviteLink' });
		ctx.helpers.httpRequestWithAuthentication.mockRejectedValue(failure);
		await expect(run(ctx)).rejects.toMatchObject({ constructor: NodeApiError, context: { code: 'GROUP_NOT_ADMIN', itemIndex: 0 } });
		const tolerant = executeContext({ ...base, operation: 'getInviteLink' });
		tolerant.continueOnFail.mockReturnValue(true);
		tolerant.helpers.httpRequestWithAuthentication.mockRejectedValue(failure);
		const [item] = await run(tolerant);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(JSON.stringify(item.json)).toContain('GROUP_NOT_ADMIN');
	});

	it('describes every operation for a person and an AI agent, and lists Group among the resources', () => {
		const d = new WhatsAppSidecar().description;
		const resource = d.properties.find((p) => p.name === 'resource');
		expect(resource?.options).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'group' })]));
		const operations = d.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('group'));
		const values = (operations?.options as Array<{ value: string; description: string; action: string }>).map((o) => o.value);
		expect(values.sort()).toEqual(['create', 'getInfo', 'getInviteLink', 'join', 'leave', 'revokeInviteLink', 'updateParticipants', 'updateSettings']);
		for (const option of operations?.options as Array<{ description: string; action: string }>) {
			expect(option.description.length).toBeGreaterThan(30);
			expect(option.action).toBeTruthy();
		}
	});
});
