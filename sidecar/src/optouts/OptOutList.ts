import type { OptOutPayload } from '../contract';
import type { KnownAddresses } from '../contacts/AddressBook';
import { phoneOfId, userIdKind } from '../contacts/userIds';
import { OptOutNotFoundError, ValidationError } from '../errors';
import { normalizeRecipient } from '../sending/recipients';
import type { OptOutStore } from '../storage/OptOutStore';
import type { OptOutRecord } from '../storage/records';

export interface OptOutListDeps {
	store: OptOutStore;
	/** `shared`: one list for every session; `session`: each session its own (SIDECAR_OPT_OUT_SCOPE). */
	scope: 'shared' | 'session';
	/** The LID ↔ phone pairs known for a session, without asking WhatsApp (the send queue checks synchronously). */
	known?(session: string, userId: string): KnownAddresses;
	defaultCountryCode?: string;
}

export interface OptOutChange {
	/** The contact as the API or a message named it: a phone number or a chat id (`…@c.us`, `…@lid`). */
	contact: string;
	session: string | null;
	reason?: string | null;
	keyword?: string | null;
	messageId?: string | null;
}

/**
 * Who asked not to be messaged (issue 15). A person is kept under their phone
 * digits; someone WhatsApp shows only by a linked id (`…@lid`) is kept under it
 * until the session's address book knows their phone. A check for a chat id
 * matches either address, so a STOP written from a LID chat also holds bulk
 * messages addressed to the phone number, once the pair is known.
 */
export class OptOutList {
	constructor(private readonly deps: OptOutListDeps) {}

	/** The contact a session's bulk message to `chatId` must not reach, if any. */
	optedOut(session: string, chatId: string): string | undefined {
		const list = this.listOf(session);
		for (const key of this.keysOf(session, chatId)) {
			const record = this.deps.store.get(list, key);
			if (record) return record.contact;
		}
		return undefined;
	}

	/** Adds (or refreshes) an entry; `added` is false when the contact was on the list already. */
	async add(change: OptOutChange): Promise<{ record: OptOutRecord; added: boolean }> {
		const list = this.listFor(change.session);
		const who = this.identify(change.contact, change.session);
		const earlier = this.deps.store.get(list, who.contact);
		// Already listed: the first opt-out's time and reason stand.
		if (earlier) return { record: earlier, added: false };
		const record: OptOutRecord = {
			list,
			...who,
			session: change.session,
			reason: change.reason ?? (change.keyword ? `keyword: ${change.keyword}` : null),
			keyword: change.keyword ?? null,
			messageId: change.messageId ?? null,
			at: new Date().toISOString(),
		};
		await this.deps.store.save(record);
		return { record, added: true };
	}

	/** Removes a contact (under either of their addresses); `strict` throws when they were not on the list. */
	async remove(contact: string, session: string | null, strict = true): Promise<OptOutRecord | undefined> {
		const list = this.listFor(session);
		const chatId = normalizeRecipient(contact, this.deps.defaultCountryCode).chatId;
		for (const key of this.keysOf(session, chatId)) {
			const record = this.deps.store.get(list, key);
			if (record && (await this.deps.store.remove(list, key))) return record;
		}
		if (strict) throw new OptOutNotFoundError(contact, list);
		return undefined;
	}

	/** One page of a list, oldest first (`session`: that session's list; in shared scope, entries that came through it). */
	page(options: { session?: string; limit: number; offset: number }): { total: number; optOuts: OptOutRecord[] } {
		const all =
			options.session === undefined
				? this.deps.store.all()
				: this.deps.scope === 'session'
					? this.deps.store.all(options.session)
					: this.deps.store.all(null).filter((r) => r.session === options.session);
		return { total: all.length, optOuts: all.slice(options.offset, options.offset + options.limit) };
	}

	/** What `contact.opted_out` / `contact.opted_in` carry. */
	payloadOf(record: OptOutRecord, session: string): OptOutPayload {
		return { contact: record.contact, phone: record.phone, session, keyword: record.keyword, messageId: record.messageId };
	}

	private listOf(session: string): string | null {
		return this.deps.scope === 'shared' ? null : session;
	}

	/** The list a change goes to; per-session lists need the session. */
	private listFor(session: string | null): string | null {
		if (this.deps.scope === 'shared') return null;
		if (session === null) {
			throw new ValidationError('each session keeps its own opt-out list (SIDECAR_OPT_OUT_SCOPE=session): say which session');
		}
		return session;
	}

	private identify(contact: string, session: string | null): Pick<OptOutRecord, 'contact' | 'phone' | 'lid'> {
		const recipient = normalizeRecipient(contact, this.deps.defaultCountryCode);
		if (recipient.kind !== 'user') throw new ValidationError(`${contact} is a group: only a person can opt out`);
		const known = session === null ? undefined : this.deps.known?.(session, recipient.chatId);
		const phone = phoneOfId(recipient.chatId) ?? known?.phone ?? null;
		const lid = userIdKind(recipient.chatId) === 'lid' ? recipient.chatId : (known?.lid ?? null);
		return { contact: phone ?? lid!, phone, lid };
	}

	/** The keys a chat id may be listed under: its phone digits and its LID, as far as the session knows them. */
	private keysOf(session: string | null, chatId: string): string[] {
		const kind = userIdKind(chatId);
		if (!kind) return [];
		const known = session === null ? undefined : this.deps.known?.(session, chatId);
		const keys = new Set<string>();
		const phone = phoneOfId(chatId) ?? known?.phone;
		if (phone) keys.add(phone);
		if (kind === 'lid') keys.add(chatId);
		if (known?.lid) keys.add(known.lid);
		return [...keys];
	}
}
