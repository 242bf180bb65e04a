/**
 * Functions that run inside the WhatsApp Web page (puppeteer serializes them: they may use
 * nothing from this module's scope). They read a group without creating anything:
 * whatsapp-web.js's getChatById falls back to findOrCreateLatestChat, which would make an
 * unknown group id look like an (empty) chat.
 */

export interface GroupSummary {
	subject: string | null;
	description: string | null;
	messagesAdminsOnly: boolean;
	infoAdminsOnly: boolean;
}

/** The group's metadata as the page holds it, or null when the page has no group by this id. */
export function readGroupSummary(groupId: string): GroupSummary | null {
	type Metadata = { subject?: string; desc?: string; announce?: boolean; restrict?: boolean };
	const page = globalThis as unknown as { require(name: string): any }; // eslint-disable-line @typescript-eslint/no-explicit-any
	const wid = page.require('WAWebWidFactory').createWid(groupId);
	const chat = page.require('WAWebCollections').Chat.get(wid) as { groupMetadata?: Metadata } | undefined;
	const metadata = chat?.groupMetadata;
	if (!metadata) return null;
	return {
		subject: metadata.subject ?? null,
		description: metadata.desc || null,
		messagesAdminsOnly: Boolean(metadata.announce),
		infoAdminsOnly: Boolean(metadata.restrict),
	};
}
