import type { FakePhone, FakeWhatsAppWeb } from '../../fake-whatsapp-web';
import { createBareSession, makeDataPath, type BareSession } from './bareClient';

/** A bare session taken through QR login to `ready`, with the phone it is linked to. */
export async function pairedSession(
	fake: FakeWhatsAppWeb,
	clientId: string,
	options: { phone?: string; dataPath?: string; takeoverOnConflict?: boolean } = {},
): Promise<{ session: BareSession; phone: FakePhone }> {
	const session = createBareSession(fake, {
		clientId,
		dataPath: options.dataPath ?? makeDataPath(clientId),
		takeoverOnConflict: options.takeoverOnConflict,
	});
	await session.initialize();
	const [qr] = (await session.log.next('qr')) as [string];
	const phone = await fake.scan(qr, { phone: options.phone });
	await session.log.next('ready');
	return { session, phone };
}

/** The same profile started again: it must come back without a QR. */
export async function restartSession(fake: FakeWhatsAppWeb, previous: BareSession): Promise<BareSession> {
	const session = createBareSession(fake, { clientId: previous.clientId, dataPath: previous.dataPath });
	await session.initialize();
	await session.log.next('ready');
	return session;
}
