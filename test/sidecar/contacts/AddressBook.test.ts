import fs from 'fs';
import os from 'os';
import path from 'path';
import { AddressBook } from '../../../sidecar/src/contacts/AddressBook';
import { createLogger } from '../../../sidecar/src/logger';
import type { UserAddresses } from '../../../sidecar/src/sessions/engine/Engine';
import { openDatabase, type Database } from '../../../sidecar/src/storage/database';
import { LidStore } from '../../../sidecar/src/storage/LidStore';

const LID = '201000000000001@lid';
const PHONE = '628120000001';

/** A lookup the test answers by hand (or never). */
function deferred() {
	let answer!: (value: UserAddresses) => void;
	const promise = new Promise<UserAddresses>((resolve) => (answer = resolve));
	return { promise, answer };
}

describe('AddressBook: who is behind a LID, asked of WhatsApp within a bounded wait', () => {
	let dir: string;
	let database: Database;
	let store: LidStore;
	let asked: string[];
	let now: number;
	const book = (lookup: (userId: string) => Promise<UserAddresses> | undefined, waitMs = 1_000) =>
		new AddressBook({ store, waitMs, logger: createLogger('silent'), now: () => now, lookup: (_session, userId) => (asked.push(userId), lookup(userId)) });

	beforeEach(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'address-book-'));
		database = await openDatabase(dir, { logger: createLogger('silent') });
		store = new LidStore(database);
		asked = [];
		now = 1_000_000;
	});
	afterEach(async () => {
		jest.useRealTimers();
		await database.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('a lookup that never answers costs the wait, not the event: what is known comes back after waitMs', async () => {
		jest.useFakeTimers();
		const addresses = book(() => new Promise(() => undefined), 3_000);
		let result: unknown;
		void addresses.resolve('desk', LID).then((r) => (result = r));
		await jest.advanceTimersByTimeAsync(2_999);
		expect(result).toBeUndefined();
		await jest.advanceTimersByTimeAsync(1);
		expect(result).toEqual({ phone: null, lid: LID });
	});

	it('an answer that comes after the wait still fills the book for the next message', async () => {
		jest.useFakeTimers();
		const late = deferred();
		const addresses = book(() => late.promise, 500);
		const first = addresses.resolve('desk', LID);
		await jest.advanceTimersByTimeAsync(500);
		expect(await first).toEqual({ phone: null, lid: LID });
		late.answer({ lid: LID, phone: PHONE });
		await jest.advanceTimersByTimeAsync(0);
		expect(addresses.known('desk', LID)).toEqual({ phone: PHONE, lid: LID });
		expect(addresses.known('desk', `${PHONE}@c.us`)).toEqual({ phone: PHONE, lid: LID });
		expect(await addresses.resolve('desk', LID)).toEqual({ phone: PHONE, lid: LID });
		expect(asked).toEqual([LID]); // known now: not asked again
	});

	it('asks once for messages from the same person that arrive together', async () => {
		const answer = deferred();
		const addresses = book(() => answer.promise);
		const both = Promise.all([addresses.resolve('desk', LID), addresses.resolve('desk', LID)]);
		answer.answer({ lid: LID, phone: PHONE });
		expect(await both).toEqual([{ phone: PHONE, lid: LID }, { phone: PHONE, lid: LID }]);
		expect(asked).toEqual([LID]);
	});

	it('a LID whose number WhatsApp withholds is not asked about again for a while', async () => {
		const addresses = book(async () => ({ lid: LID, phone: null }));
		expect(await addresses.resolve('desk', LID)).toEqual({ phone: null, lid: LID });
		expect(await addresses.resolve('desk', LID)).toEqual({ phone: null, lid: LID });
		expect(asked).toEqual([LID]);
		now += 10 * 60_000 + 1;
		await addresses.resolve('desk', LID);
		expect(asked).toEqual([LID, LID]);
	});

	it('a phone id always has its number; groups and sessions without a page are not asked', async () => {
		const addresses = book((userId) => (userId.startsWith('6') ? Promise.resolve({ lid: null, phone: PHONE }) : undefined));
		expect(await addresses.resolve('desk', `${PHONE}@c.us`)).toEqual({ phone: PHONE, lid: null });
		expect(await addresses.resolve('desk', '120363000000000001@g.us')).toEqual({ phone: null, lid: null });
		expect(await addresses.resolve('desk', LID)).toEqual({ phone: null, lid: LID }); // no page to ask: undefined lookup
		expect(asked).toEqual([`${PHONE}@c.us`, LID]);
	});

	it('keeps pairs per session: one account learning a pair tells another nothing', async () => {
		const addresses = book(async () => ({ lid: LID, phone: PHONE }));
		await addresses.resolve('desk', LID);
		await store.flush();
		expect(addresses.known('desk', LID).phone).toBe(PHONE);
		expect(addresses.known('front', LID).phone).toBeNull();
		await addresses.forget('desk');
		expect(addresses.known('desk', LID).phone).toBeNull();
		const reloaded = new LidStore(database);
		await reloaded.load();
		expect(reloaded.phoneOf('desk', LID.split('@')[0])).toBeUndefined();
	});
});
