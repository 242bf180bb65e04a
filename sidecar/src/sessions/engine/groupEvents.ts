import type { Client, GroupNotification } from 'whatsapp-web.js';
import type { GroupEvent, GroupUpdatePayload } from '../../contract';
import { readGroupSummary } from './groupPage';

type WidLike = string | { _serialized?: string } | undefined | null;
const idOf = (wid: WidLike): string | null => (typeof wid === 'string' ? wid || null : (wid?._serialized ?? null));

/** The library's group events (Client.js derives them from `gp2` notifications, by subtype). */
export const GROUP_LIBRARY_EVENTS = ['group_join', 'group_leave', 'group_admin_changed', 'group_update'] as const;
export type GroupLibraryEvent = (typeof GROUP_LIBRARY_EVENTS)[number];

/** WhatsApp's subtypes of a group update, as the contract's `what`. */
const UPDATE_WHAT: Record<string, GroupUpdatePayload['what']> = {
	subject: 'subject',
	description: 'description',
	announce: 'settings',
	restrict: 'settings',
	member_add_mode: 'settings',
	picture: 'picture',
	create: 'created',
};

/**
 * A library group notification as the contract's group event. The group's subject, description
 * and settings are read from the page (they are the values after the change); phone numbers
 * come from the ids, or from WhatsApp Web for a `…@lid` whose number it knows.
 */
export async function groupEventOf(client: Client, event: GroupLibraryEvent, notification: GroupNotification): Promise<GroupEvent | undefined> {
	const groupId = notification.chatId;
	const summary = client.pupPage ? await client.pupPage.evaluate(readGroupSummary, groupId).catch(() => null) : null;
	const ids = (notification.recipientIds ?? []).map((r) => idOf(r as WidLike)).filter((id): id is string => id !== null);
	const by = idOf(notification.author as WidLike);
	const phones = await phonesOf(client, [...ids, ...(by ? [by] : [])]);
	const me = [idOf(client.info?.wid as WidLike), idOf((client.info as unknown as { lid?: WidLike })?.lid)];
	const base = {
		groupId,
		groupName: summary?.subject ?? null,
		by,
		byPhone: by ? (phones.get(by) ?? null) : null,
		timestamp: Number(notification.timestamp) || Math.floor(Date.now() / 1000),
	};
	const members = {
		...base,
		participants: ids.map((id) => ({ id, phone: phones.get(id) ?? null })),
		includesMe: ids.some((id) => me.includes(id) || (phones.get(id) !== undefined && me.includes(`${phones.get(id)}@c.us`))),
	};
	const kind = String(notification.type ?? '');
	switch (event) {
		case 'group_join':
			return { type: 'group.join', payload: { ...members, how: kind === 'invite' ? 'invite' : kind === 'linked_group_join' ? 'linked_group' : 'added' } };
		case 'group_leave':
			return { type: 'group.leave', payload: { ...members, how: kind === 'remove' ? 'removed' : 'left' } };
		case 'group_admin_changed':
			return { type: 'group.admin_changed', payload: { ...members, change: kind === 'demote' ? 'demoted' : 'promoted' } };
		case 'group_update':
			return {
				type: 'group.update',
				payload: {
					...base,
					what: UPDATE_WHAT[kind] ?? 'other',
					kind,
					subject: summary?.subject ?? null,
					description: summary?.description ?? null,
					settings: summary ? { messagesAdminsOnly: summary.messagesAdminsOnly, infoAdminsOnly: summary.infoAdminsOnly } : null,
				},
			};
		default:
			return undefined;
	}
}

/** Phone numbers (digits) of the ids: a `…@c.us` says its own; a `…@lid` is asked of WhatsApp Web (unknown: left out). */
async function phonesOf(client: Client, ids: string[]): Promise<Map<string, string>> {
	const phones = new Map<string, string>();
	for (const id of ids) if (id.endsWith('@c.us')) phones.set(id, id.split('@')[0]);
	const lids = [...new Set(ids.filter((id) => id.endsWith('@lid')))];
	if (!lids.length) return phones;
	const found = await client.getContactLidAndPhone(lids).catch(() => []);
	found.forEach((pair, index) => {
		const pn = typeof pair?.pn === 'string' ? pair.pn.split('@')[0] : '';
		if (/^\d+$/.test(pn)) phones.set(lids[index], pn);
	});
	return phones;
}
