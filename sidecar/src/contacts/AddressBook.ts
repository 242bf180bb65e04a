import type { Logger } from '../logger';
import type { UserAddresses } from '../sessions/engine/Engine';
import type { LidStore } from '../storage/LidStore';
import { withTimeout } from '../util/withTimeout';
import { phoneOfId, userIdKind } from './userIds';

/** A user's phone number (digits) and linked id (`…@lid`), each null while unknown. */
export interface KnownAddresses {
	phone: string | null;
	lid: string | null;
}

export interface AddressBookDeps {
	store: LidStore;
	/** Asks the session's WhatsApp Web (undefined: the session has no ready page to ask). */
	lookup(session: string, userId: string): Promise<UserAddresses> | undefined;
	/** How long `resolve` waits for WhatsApp; past it the caller goes on with what is known. */
	waitMs: number;
	logger: Logger;
	now?: () => number;
}

/** A lookup the page never answers is dropped after this, so the next one can ask again. */
const LOOKUP_GIVE_UP_MS = 60_000;
/** WhatsApp did not tell half of a pair: not asked again for this long (one page round trip per message is wasteful). */
const INCOMPLETE_RETRY_MS = 10 * 60_000;
const INCOMPLETE_MAX = 10_000;

/**
 * Who is behind a LID, and which LID a phone number has, per session: answered
 * from memory (LidStore, kept on disk) when known, else asked of WhatsApp Web
 * through the engine, but never waited for longer than `waitMs`: an event goes
 * out with null rather than late. A lookup that answers after the wait still
 * fills the book for the next message. Pairs seen elsewhere (a send to a number
 * answered from its LID chat) are `learn`ed.
 */
export class AddressBook {
	private readonly inFlight = new Map<string, Promise<UserAddresses | undefined>>();
	private readonly incomplete = new Map<string, number>();
	private readonly now: () => number;

	constructor(private readonly deps: AddressBookDeps) {
		this.now = deps.now ?? Date.now;
	}

	/** What is known without asking WhatsApp. */
	known(session: string, userId: string): KnownAddresses {
		const kind = userIdKind(userId);
		if (kind === 'phone') {
			const phone = phoneOfId(userId)!;
			const lid = this.deps.store.lidOf(session, phone);
			return { phone, lid: lid === undefined ? null : `${lid}@lid` };
		}
		if (kind === 'lid') return { phone: this.deps.store.phoneOf(session, userId.split('@')[0]) ?? null, lid: userId };
		return { phone: null, lid: null };
	}

	/** Both addresses, asking WhatsApp when half is unknown, within the wait. Never throws. */
	async resolve(session: string, userId: string): Promise<KnownAddresses> {
		const known = this.known(session, userId);
		if (!userIdKind(userId) || (known.phone && known.lid) || this.recentlyIncomplete(session, userId)) return known;
		const asked = this.ask(session, userId);
		if (!asked) return known;
		const answer = await withTimeout(asked, this.deps.waitMs, 'the LID lookup').catch(() => undefined);
		// The lookup saved a complete pair; read the book again rather than trusting half an answer.
		const after = this.known(session, userId);
		return { phone: after.phone ?? answer?.phone ?? null, lid: after.lid ?? answer?.lid ?? null };
	}

	/** A pair WhatsApp showed some other way; kept like a lookup's. */
	learn(session: string, lid: string, phone: string): void {
		if (userIdKind(lid) !== 'lid' || !/^\d+$/.test(phone)) return;
		this.save(session, { lid, phone });
	}

	/** The session is gone: its pairs go with it. */
	async forget(session: string): Promise<void> {
		for (const key of this.incomplete.keys()) if (key.startsWith(`${session}\n`)) this.incomplete.delete(key);
		await this.deps.store.removeSession(session);
	}

	/** One lookup per user at a time: messages from the same person wait on the same question. */
	private ask(session: string, userId: string): Promise<UserAddresses | undefined> | undefined {
		const key = `${session}\n${userId}`;
		const pending = this.inFlight.get(key);
		if (pending) return pending;
		const lookup = this.deps.lookup(session, userId);
		if (!lookup) return undefined;
		const asked = giveUpAfter(lookup, LOOKUP_GIVE_UP_MS)
			.then((answer) => {
				if (answer.lid && answer.phone) this.save(session, { lid: answer.lid, phone: answer.phone });
				else this.markIncomplete(key);
				return answer;
			})
			.catch((error) => {
				this.deps.logger.debug({ err: error, session, userId }, 'could not look up the LID / phone of a user');
				return undefined;
			})
			.finally(() => this.inFlight.delete(key));
		this.inFlight.set(key, asked);
		return asked;
	}

	private save(session: string, pair: { lid: string; phone: string }): void {
		this.deps.store
			.save(session, pair.lid.split('@')[0], pair.phone)
			.catch((error) => this.deps.logger.warn({ err: error, session }, 'could not keep a LID / phone pair'));
	}

	private markIncomplete(key: string): void {
		if (this.incomplete.size >= INCOMPLETE_MAX) {
			const now = this.now();
			for (const [k, until] of this.incomplete) if (until <= now) this.incomplete.delete(k);
			if (this.incomplete.size >= INCOMPLETE_MAX) this.incomplete.clear();
		}
		this.incomplete.set(key, this.now() + INCOMPLETE_RETRY_MS);
	}

	private recentlyIncomplete(session: string, userId: string): boolean {
		const until = this.incomplete.get(`${session}\n${userId}`);
		return until !== undefined && until > this.now();
	}
}

/** Rejects a promise nobody settles after `ms`, on a timer that never keeps the process alive (a stopping sidecar). */
function giveUpAfter<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const giveUp = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`WhatsApp Web did not answer within ${ms} ms`)), ms);
		timer.unref();
	});
	return Promise.race([promise, giveUp]).finally(() => clearTimeout(timer));
}
