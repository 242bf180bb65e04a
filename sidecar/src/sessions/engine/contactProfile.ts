import type { BusinessContact, Client } from 'whatsapp-web.js';
import type { BusinessProfile, ContactProfileInfo } from './chatTypes';

/** What WhatsApp tells about a person: picture, about, business profile, blocked or not (library calls). */
export async function contactProfile(client: Client, contactId: string): Promise<ContactProfileInfo> {
	const contact = await client.getContactById(contactId);
	// Hidden by privacy settings, or none set: the library answers undefined (or null about).
	const picture = await client.getProfilePicUrl(contactId).catch(() => undefined);
	const about = await contact.getAbout().catch(() => null);
	const business = contact.isBusiness ? businessProfile((contact as BusinessContact).businessProfile) : null;
	return {
		id: contact.id._serialized,
		name: contact.name || null,
		pushname: contact.pushname || null,
		profilePictureUrl: typeof picture === 'string' && picture ? picture : null,
		about: typeof about === 'string' ? about : null,
		isBusiness: Boolean(contact.isBusiness),
		business,
		isBlocked: Boolean(contact.isBlocked),
	};
}

export async function setContactBlocked(client: Client, contactId: string, blocked: boolean): Promise<void> {
	const contact = await client.getContactById(contactId);
	if (blocked) await contact.block();
	else await contact.unblock();
}

/** WhatsApp Web's business profile model, serialized (its shape is WhatsApp's, loosely typed). */
function businessProfile(raw: unknown): BusinessProfile {
	const profile = (raw ?? {}) as {
		description?: unknown;
		categories?: Array<{ localized_display_name?: unknown }>;
		email?: unknown;
		website?: unknown;
		address?: unknown;
	};
	const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
	const websites = Array.isArray(profile.website) ? profile.website : [profile.website];
	return {
		description: text(profile.description),
		category: text(profile.categories?.[0]?.localized_display_name),
		email: text(profile.email),
		website: websites.map((w) => (typeof w === 'string' ? w : text((w as { url?: unknown } | null)?.url))).filter((w): w is string => Boolean(w)),
		address: text(profile.address),
	};
}
