import type { ContactDirectory } from './contacts';

/** What WhatsApp's servers tell about a person: picture, about text, name, business profile. */
export interface FakeProfile {
	/** The "about" text (unset: WhatsApp answers none). */
	about?: string;
	/** The profile picture's URL (unset: no picture, or hidden: WhatsApp answers 404). */
	picture?: string;
	pushname?: string;
	/** Set: a WhatsApp Business account with this profile. */
	business?: { description?: string; category?: string; email?: string; website?: string[]; address?: string };
}

/** Profiles on the fake network, by user (a phone's digits or a LID's); a person's other address finds the same one. */
export class ProfileDirectory {
	private readonly byUser = new Map<string, FakeProfile>();

	constructor(private readonly contacts: ContactDirectory) {}

	/** `who`: a phone number (digits), `…@c.us` or `…@lid`. */
	set(who: string, profile: FakeProfile): void {
		this.byUser.set(userOf(who), { ...profile });
	}

	lookup(wid: string): FakeProfile {
		const own = this.byUser.get(userOf(wid));
		if (own) return own;
		const person = this.contacts.find(wid);
		const other = person && (wid.endsWith('@lid') ? person.phone : person.lid);
		return (other && this.byUser.get(other)) || {};
	}
}

function userOf(who: string): string {
	return who.includes('@') ? who.split('@')[0] : who.replace(/\D/g, '');
}
