// Linked ids (LIDs). WhatsApp addresses people by a hidden `<digits>@lid` as well as
// by `<phone>@c.us`. The page learns which LID belongs to which phone from message
// stanzas (the sender's pair) and from usync queries (WAWebQueryExistsJob), and
// answers the library from what it learnt: WAWebApiContact.getCurrentLid /
// getPhoneNumber / getAlternateUserWid (WWebJS.enforceLidAndPnRetrieval, getContactModel),
// WAWebLidMigrationUtils.toPn (group participants), and "the latest chat" of a
// person (WAWebFindChatAction.findOrCreateLatestChat), which is the LID chat once
// WhatsApp migrated the conversation. A LID whose phone WhatsApp never revealed
// stays without one: getPhoneNumber answers null.

const lidOfPhone = new Map<string, string>(); // phone user → lid user
const phoneOfLid = new Map<string, string>(); // lid user → phone user
/** Phone users whose one-to-one chat is LID-addressed (migrated, or created that way). */
const lidAddressed = new Set<string>();
/** Serialized message ids before a chat migration → after it: the network's receipts still name a message by its stanza id. */
const migratedMsgIds = new Map<string, string>();

function learnLid(phone: string, lid: string, addressing?: 'pn' | 'lid'): void {
	lidOfPhone.set(phone, lid);
	phoneOfLid.set(lid, phone);
	if (addressing === 'lid') lidAddressed.add(phone);
	else if (addressing === 'pn') lidAddressed.delete(phone);
	// A LID contact model carries its phone number (getContactModel shows it as the id).
	Contact.get(`${lid}@lid`)?.set('phoneNumber', createWid(`${phone}@c.us`), { silent: true });
}

function getCurrentLid(input: WidLike): Wid | null {
	const wid = createWid(input);
	if (wid.isLid()) return wid;
	if (wid.server !== 'c.us') return null;
	const me = meWid();
	if (me && wid.user === me.user) return meLidWid() ?? null;
	const lid = lidOfPhone.get(wid.user);
	return lid ? createWid(`${lid}@lid`) : null;
}

function getPhoneNumber(input: WidLike): Wid | null {
	const wid = createWid(input);
	if (wid.server === 'c.us') return wid;
	if (!wid.isLid()) return null;
	const meLid = meLidWid();
	if (meLid && wid.user === meLid.user) return meWid() ?? null;
	const phone = phoneOfLid.get(wid.user);
	return phone ? createWid(`${phone}@c.us`) : null;
}

/** The same person's other address: a LID's phone, a phone's LID (null when unknown). */
function getAlternateUserWid(input: WidLike): Wid | null {
	const wid = createWid(input);
	if (wid.isLid()) return getPhoneNumber(wid);
	return wid.server === 'c.us' ? getCurrentLid(wid) : null;
}

function toPn(input: WidLike): Wid | null {
	const wid = createWid(input);
	return wid.isLid() ? getPhoneNumber(wid) : wid;
}

/**
 * The chat a send to `wid` lands in: an existing chat under either of the person's
 * addresses, else a new one under the address WhatsApp uses for them now (asked from
 * the server when the page does not know the person yet, as WhatsApp Web does).
 */
async function findOrCreateLatestChat(input: WidLike): Promise<{ chat: ChatModel }> {
	const wid = createWid(input);
	if (!wid.isUser()) return { chat: findOrCreateChat(wid) };
	const alternate = getAlternateUserWid(wid);
	const existing = Chat.get(wid) ?? (alternate ? Chat.get(alternate) : undefined);
	if (existing) return { chat: existing };
	if (wid.server === 'c.us' && !lidOfPhone.has(wid.user)) await queryWidExists(wid);
	const lid = lidOfPhone.get(wid.user);
	const target = wid.server === 'c.us' && lid && lidAddressed.has(wid.user) ? createWid(`${lid}@lid`) : wid;
	return { chat: findOrCreateChat(target) };
}

/**
 * WhatsApp moved the conversation with this person from their phone number to their
 * LID: the chat is filed under `<lid>@lid` from now on, and so are its messages (their
 * keys name the chat). Done silently, as a database migration, not as new traffic.
 */
function migrateChat(args: { phone: string; lid: string }): { migrated: number } {
	learnLid(args.phone, args.lid, 'lid');
	const old = Chat.get(`${args.phone}@c.us`);
	if (!old) return { migrated: 0 };
	const lidWid = createWid(`${args.lid}@lid`);
	const chat =
		Chat.get(lidWid) ?? Chat.add(new ChatModel({ ...old.toJSON(), id: lidWid, msgs: new Collection(MsgModel) }), { silent: true });
	const moved = old.msgs.getModelsArray();
	for (const msg of moved) chat.msgs.add(rekeyIntoLidChat(msg, lidWid), { silent: true });
	Chat.remove(old.id, { silent: true });
	return { migrated: moved.length };
}

function rekeyIntoLidChat(msg: MsgModel, lidWid: Wid): MsgModel {
	const me = meLidWid();
	if (!me) throw new Error('this page is not paired');
	const fromMe = msg.id.fromMe;
	const key = new MsgKey({ from: fromMe ? me : lidWid, to: fromMe ? lidWid : me, id: msg.id.id, selfDir: fromMe ? 'out' : 'in' });
	const moved = new MsgModel({ ...msg.toJSON(), id: key, from: fromMe ? me : lidWid, to: fromMe ? lidWid : me });
	Msg.remove(msg.id, { silent: true });
	Msg.add(moved, { silent: true });
	migratedMsgIds.set(msg.id._serialized, key._serialized);
	return moved;
}
