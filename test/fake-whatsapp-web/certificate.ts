import { createHash, createPublicKey } from 'crypto';
import selfsigned from 'selfsigned';

export interface FakeCertificate {
	key: string;
	cert: string;
	/** base64 SHA-256 of the public key, for --ignore-certificate-errors-spki-list. */
	spkiHash: string;
}

/**
 * A throwaway certificate for web.whatsapp.com, made when the fake starts (never
 * committed). Chromium is told to trust exactly this key through its SPKI hash,
 * instead of ignoring certificate errors altogether.
 */
export async function createFakeCertificate(): Promise<FakeCertificate> {
	const pems = await selfsigned.generate([{ name: 'commonName', value: 'web.whatsapp.com' }], {
		keyType: 'ec',
		algorithm: 'sha256',
		extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'web.whatsapp.com' }] }],
	});
	const spki = createPublicKey(pems.public).export({ type: 'spki', format: 'der' });
	return { key: pems.private, cert: pems.cert, spkiHash: createHash('sha256').update(spki).digest('base64') };
}
