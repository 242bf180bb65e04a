/**
 * People as WhatsApp's servers know them, for the LID (linked id) world of 2025–2026:
 * a person has a phone number (`<digits>@c.us`), a hidden linked id (`<digits>@lid`),
 * or both. Their messages arrive from one of the two (`addressing`), and WhatsApp
 * tells a page the phone number behind a LID only when the person has one it may
 * share: a LID-only contact's number stays unknown. Numbers not in the directory
 * behave as before LIDs: phone addresses only, no LID.
 */
export interface FakeContact {
	/** Digits with country code; undefined for a contact WhatsApp knows only by LID. */
	phone?: string;
	/** The LID's user part (digits); undefined for an old-style phone-only contact. */
	lid?: string;
	/** Which address their messages carry now: the phone chat, or the LID chat. */
	addressing: 'pn' | 'lid';
}

/** What a message stanza from a user carries: the address it comes from, and the phone/LID pair when WhatsApp sends both. */
export interface Addressed {
	wid: string;
	mapping?: { phone: string; lid: string };
}

export class ContactDirectory {
	private readonly byPhone = new Map<string, FakeContact>();
	private readonly byLid = new Map<string, FakeContact>();

	/** Adds (or replaces) a person. Default addressing: by LID when there is no phone, else by phone. */
	add(input: { phone?: string; lid?: string; addressing?: 'pn' | 'lid' }): FakeContact {
		const phone = input.phone === undefined ? undefined : digits(input.phone);
		const lid = input.lid === undefined ? undefined : digits(input.lid);
		if (!phone && !lid) throw new Error('fake contact: give a phone, a lid or both');
		const addressing = input.addressing ?? (phone ? 'pn' : 'lid');
		if (addressing === 'lid' && !lid) throw new Error('fake contact: LID addressing needs a lid');
		if (addressing === 'pn' && !phone) throw new Error('fake contact: phone addressing needs a phone');
		const contact: FakeContact = { phone, lid, addressing };
		if (phone) this.byPhone.set(phone, contact);
		if (lid) this.byLid.set(lid, contact);
		return contact;
	}

	/** The person behind `<digits>@c.us`, `<digits>@lid` or bare digits (a phone number). */
	find(address: string): FakeContact | undefined {
		const [user, server = 'c.us'] = address.split('@');
		return server === 'lid' ? this.byLid.get(digits(user)) : this.byPhone.get(digits(user));
	}

	/** From now on this person's messages come from their LID, as when WhatsApp migrates a chat. */
	migrateToLid(phone: string): FakeContact & { phone: string; lid: string } {
		const contact = this.byPhone.get(digits(phone));
		if (!contact?.lid || !contact.phone) throw new Error(`fake contact ${phone}: a migration needs a contact with a phone and a lid`);
		contact.addressing = 'lid';
		return contact as FakeContact & { phone: string; lid: string };
	}

	/**
	 * The address a message from `address` (a phone id or a LID) carries now. A phone of a
	 * LID-addressed person becomes their LID; an explicit LID stays one. The pair travels
	 * with the stanza when the person has both, as WhatsApp's sender_pn / sender_lid do.
	 */
	addressOf(address: string): Addressed {
		const contact = this.find(address);
		if (!contact) return { wid: address };
		const mapping = contact.phone && contact.lid ? { phone: contact.phone, lid: contact.lid } : undefined;
		const explicitLid = address.endsWith('@lid');
		const wid = explicitLid || contact.addressing === 'lid' ? `${contact.lid}@lid` : `${contact.phone}@c.us`;
		return { wid, mapping };
	}

	/**
	 * A usync query's answer about a user: the LID and the phone WhatsApp reveals, and
	 * whether their chat is LID-addressed (nothing for people not in the directory).
	 */
	query(address: string): { lid?: string; phone?: string; addressing?: 'pn' | 'lid' } {
		const contact = this.find(address);
		return contact ? { lid: contact.lid, phone: contact.phone, addressing: contact.addressing } : {};
	}
}

function digits(text: string): string {
	return text.replace(/\D/g, '');
}
