import { FakeGroups, GroupRefusal, type ModifyAction } from './groups';

/**
 * A page's group request (page/groups.ts), answered as WhatsApp's servers would for the
 * phone the page is linked to. A refusal is answered, not thrown: `{refused: status}`, which
 * the page turns into the ServerStatusCodeError WhatsApp Web throws.
 */
export function groupRpc(groups: FakeGroups, phone: string, body: Record<string, unknown>): unknown {
	const id = String(body.id ?? '');
	const people = Array.isArray(body.participants) ? body.participants.map(String) : [];
	try {
		switch (body.op) {
			case 'create':
				return groups.create(phone, String(body.subject ?? ''), people, { announce: body.announce === true, restrict: body.restrict === true });
			case 'query':
				return { group: groups.snapshot(id) };
			case 'add':
				return { results: groups.add(id, phone, people), group: groups.snapshot(id) };
			case 'modify':
				return { group: groups.modify(id, phone, body.action as ModifyAction, people) };
			case 'subject':
				return { group: groups.setSubject(id, phone, String(body.subject ?? '')) };
			case 'description':
				return { group: groups.setDescription(id, phone, String(body.description ?? '')) };
			case 'property':
				return { group: groups.setProperty(id, phone, body.property === 'restrict' ? 'restrict' : 'announce', body.on === true) };
			case 'inviteCode':
				return { code: groups.inviteCodeOf(id, phone) };
			case 'resetInvite':
				return { code: groups.resetInvite(id, phone) };
			case 'inviteInfo': {
				const group = groups.byInvite(String(body.code ?? ''));
				return { group: groups.snapshot(group.id) };
			}
			case 'join':
				return { group: groups.join(String(body.code ?? ''), phone) };
			case 'leave':
				return { group: groups.leave(id, phone) };
			case 'inviteSent':
				groups.noteInviteSent(id, String(body.to ?? ''));
				return {};
			default:
				throw new Error(`unknown group op ${String(body.op)}`);
		}
	} catch (error) {
		if (error instanceof GroupRefusal) return { refused: error.status, message: error.message };
		throw error;
	}
}
