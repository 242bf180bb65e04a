import { FakeWhatsAppWeb, type FakeOptions, type FakePhone } from '../../fake-whatsapp-web';
import { createBareSession, type BareSession } from './bareClient';
import { pairedSession, restartSession } from './pairedSession';

export interface Harness {
	readonly fake: FakeWhatsAppWeb;
	/** A session taken to `ready` through QR login; disposed after the test. */
	paired(
		clientId: string,
		options?: Parameters<typeof pairedSession>[2],
	): Promise<{ session: BareSession; phone: FakePhone }>;
	/** The same profile started again, expected to come back without a QR; disposed after the test. */
	restart(previous: BareSession): Promise<BareSession>;
	/** A session on an existing profile, not yet initialized; disposed after the test. */
	bare(previous: BareSession): BareSession;
}

/**
 * One fake WhatsApp Web per test file, and every session a test makes disposed
 * after that test (its browser closed, killed if need be).
 */
export function useHarness(options?: FakeOptions): Harness {
	let fake: FakeWhatsAppWeb | undefined;
	const sessions: BareSession[] = [];
	const track = <T extends BareSession>(session: T) => (sessions.push(session), session);

	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start(options);
	});
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map((s) => s.dispose()));
	});
	afterAll(async () => {
		await fake?.close();
	});

	const started = () => {
		if (!fake) throw new Error('the fake starts in beforeAll');
		return fake;
	};
	return {
		get fake() {
			return started();
		},
		async paired(clientId, pairedOptions) {
			const result = await pairedSession(started(), clientId, pairedOptions);
			track(result.session);
			return result;
		},
		async restart(previous) {
			return track(await restartSession(started(), previous));
		},
		bare(previous) {
			return track(createBareSession(started(), { clientId: previous.clientId, dataPath: previous.dataPath }));
		},
	};
}
