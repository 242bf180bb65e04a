import { FakeWhatsAppWeb, type FakeOptions } from '../fake-whatsapp-web';
import { findBrowsersUnder } from '../../sidecar/src/sessions/chrome/processes';
import { startTestSidecar, type TestSidecar } from './testSidecar';
import { status, waitForSession } from './waitForSession';

export { status, waitForSession };

/** Waits for the session's QR through the API and scans it with the fake phone. */
export async function scanSession(t: TestSidecar, fake: FakeWhatsAppWeb, id: string, phone?: string) {
	await waitForSession(t, id, status('SCAN_QR'), 60_000, 'SCAN_QR');
	const qr = await t.api('GET', `/api/sessions/${id}/qr`);
	return fake.scan(qr.body.raw, { phone });
}

/** Chromium processes running on this sidecar's session profiles. */
export function browsersOf(t: TestSidecar): number[] {
	return findBrowsersUnder(t.sidecar.sessions.authDir).map((b) => b.pid);
}

/** A fake WhatsApp Web and sidecars wired to it, all stopped after the test file. */
export function useSidecarHarness(fakeOptions?: FakeOptions) {
	let fake: FakeWhatsAppWeb | undefined;
	const sidecars: TestSidecar[] = [];
	beforeAll(async () => {
		fake = await FakeWhatsAppWeb.start(fakeOptions);
	});
	afterAll(async () => {
		await Promise.all(sidecars.splice(0).map((t) => t.stop()));
		await fake?.close();
	});
	return {
		get fake(): FakeWhatsAppWeb {
			if (!fake) throw new Error('the fake starts in beforeAll');
			return fake;
		},
		async sidecar(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<TestSidecar> {
			const t = await startTestSidecar({ ...options, chromiumArgs: fake!.chromiumArgs });
			sidecars.push(t);
			return t;
		},
		/** Stops a sidecar early (its browsers are closed). */
		async stop(t: TestSidecar): Promise<void> {
			sidecars.splice(sidecars.indexOf(t), 1);
			await t.stop();
		},
	};
}
