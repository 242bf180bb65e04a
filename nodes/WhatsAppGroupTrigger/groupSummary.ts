import type { IDataObject } from 'n8n-workflow';
import type { EventEnvelope, GroupEventType } from '../../sidecar/src/contract';

/** A person as a no-code user reads them: their number with a plus, or the id WhatsApp gave. */
function person(id: unknown, phone: unknown): string {
	if (typeof phone === 'string' && phone) return `+${phone}`;
	return typeof id === 'string' && id ? id : 'someone';
}

function people(participants: unknown): string {
	const list = Array.isArray(participants) ? (participants as Array<{ id?: string; phone?: string | null }>) : [];
	const names = list.map((p) => person(p.id, p.phone));
	return names.length ? names.join(', ') : 'someone';
}

function updateSentence(by: string, group: string, p: IDataObject): string {
	switch (p.what) {
		case 'created':
			return `${by} created ${group}`;
		case 'subject':
			return `${by} renamed the group to "${String(p.subject ?? '')}"`;
		case 'description':
			return `${by} changed the description of ${group}`;
		case 'settings':
			return `${by} changed the settings of ${group}`;
		case 'picture':
			return `${by} changed the picture of ${group}`;
		default:
			return `${by} changed ${group}`;
	}
}

/**
 * Fields a no-code user can use directly: `summary` (one sentence), `participantPhones` (the
 * numbers of the people concerned, with the first one alone in `participantPhone`).
 */
export function readableGroupFields(event: EventEnvelope<GroupEventType>): IDataObject {
	const p = event.payload as unknown as IDataObject;
	const group = typeof p.groupName === 'string' && p.groupName ? `"${p.groupName}"` : String(p.groupId);
	const by = p.by ? person(p.by, p.byPhone) : undefined;
	const list = Array.isArray(p.participants) ? (p.participants as Array<{ phone?: string | null }>) : [];
	const phones = list.map((x) => x.phone).filter((x): x is string => typeof x === 'string' && x.length > 0);
	let summary: string;
	switch (event.type) {
		case 'group.join':
			summary =
				p.how === 'invite'
					? `${people(p.participants)} joined ${group} with the invite link`
					: `${people(p.participants)} ${list.length > 1 ? 'were' : 'was'} added to ${group}${by ? ` by ${by}` : ''}`;
			break;
		case 'group.leave':
			summary = p.how === 'left' ? `${people(p.participants)} left ${group}` : `${people(p.participants)} ${list.length > 1 ? 'were' : 'was'} removed from ${group}${by ? ` by ${by}` : ''}`;
			break;
		case 'group.admin_changed':
			summary = `${people(p.participants)} ${p.change === 'demoted' ? 'is no longer an admin' : 'is now an admin'} of ${group}${by ? ` (by ${by})` : ''}`;
			break;
		default:
			summary = updateSentence(by ?? 'Someone', group, p);
	}
	return { summary, participantPhones: phones, participantPhone: phones[0] ?? null };
}
