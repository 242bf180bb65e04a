// The pairing (which phone this browser is linked to) lives in IndexedDB, inside
// the Chrome profile that whatsapp-web.js's LocalAuth keeps, as real WhatsApp Web
// keeps its keys. Writes use durability 'strict' so they are on disk when they
// resolve; Chrome's localStorage, by contrast, is flushed lazily and a SIGKILL
// shortly after pairing loses it.

interface Pairing {
	phone: string;
	pushname: string;
	platform: string;
	pairedAt: number;
}

const PAIRING_DB = 'fake-wa';
const PAIRING_STORE = 'pairing';

function openPairingDb(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(PAIRING_DB, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(PAIRING_STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

async function pairingTransaction<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
	const db = await openPairingDb();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(PAIRING_STORE, mode, { durability: 'strict' });
			const request = work(tx.objectStore(PAIRING_STORE));
			tx.oncomplete = () => resolve(request.result);
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error);
		});
	} finally {
		db.close();
	}
}

function loadPairing(): Promise<Pairing | undefined> {
	return pairingTransaction('readonly', (s) => s.get('current') as IDBRequest<Pairing | undefined>);
}

function savePairing(pairing: Pairing): Promise<unknown> {
	return pairingTransaction('readwrite', (s) => s.put(pairing, 'current'));
}

function clearPairing(): Promise<unknown> {
	return pairingTransaction('readwrite', (s) => s.delete('current'));
}
