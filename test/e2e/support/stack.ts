import { FakeWhatsAppWeb, type FakePhone } from '../../fake-whatsapp-web';
import { createCredential } from './flow';
import { ensureN8nInstalled, startN8n, type N8n, type N8nInstall } from './n8n';
import { buildNodes, expectNodesLoaded, installPackage } from './package';
import { startReceiver, type Receiver } from '../../support/receiver';
import { startSidecar, type E2eSidecar } from './sidecar';

/** Everything one e2e file runs: the fake WhatsApp Web, a sidecar, a real n8n with our package, a local endpoint. */
export interface Stack {
	install: N8nInstall;
	fake: FakeWhatsAppWeb;
	sidecar: E2eSidecar;
	/** Replaced when a test restarts n8n (assign the new one here so dispose() stops it). */
	n8n: N8n;
	credentialId: string;
	/** The phone linked to `session`, when one was asked for. */
	phone?: FakePhone;
	/** Every linked phone by session: `session`'s and those of `moreSessions`. */
	phones: Record<string, FakePhone>;
	receiver: Receiver;
	dispose(): Promise<void>;
}

export interface StackOptions {
	/** A session to create and link before n8n starts. */
	session?: string;
	/** The linked phone's number. */
	phoneNumber?: string;
	/** More sessions to create and link after `session` (e.g. a campaign over several numbers), each with its own phone. */
	moreSessions?: Array<{ session: string; phoneNumber?: string }>;
	/** Sidecar environment (SIDECAR_PACING is off unless set here). */
	sidecarEnv?: Record<string, string>;
	n8nEnv?: Record<string, string>;
	/** The sidecar command (default: the repository's source; e.g. one installed from its packed tarball). */
	sidecarCommand?: string[];
}

/**
 * Starts the stack; whatever started is stopped again when a later step fails. Call
 * `dispose()` in afterAll: each step runs even when an earlier one fails.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const partial: Partial<Stack> = { phones: {} };
	const dispose = async () => {
		for (const step of [() => partial.n8n?.dispose(), () => partial.sidecar?.stop(), () => partial.fake?.close(), () => partial.receiver?.close()]) {
			await Promise.resolve()
				.then(step)
				.catch((error) => console.error('e2e cleanup:', error));
		}
	};
	try {
		const install = await ensureN8nInstalled();
		await buildNodes();
		partial.install = install;
		partial.receiver = await startReceiver();
		partial.fake = await FakeWhatsAppWeb.start();
		partial.sidecar = await startSidecar(partial.fake, options.sidecarEnv, options.sidecarCommand);
		if (options.session) partial.phone = partial.phones![options.session] = await partial.sidecar.link(options.session, options.phoneNumber);
		for (const more of options.moreSessions ?? []) partial.phones![more.session] = await partial.sidecar.link(more.session, more.phoneNumber);
		partial.n8n = await startN8n(install, { prepare: (userFolder) => void installPackage(userFolder, install), env: options.n8nEnv });
		await expectNodesLoaded(partial.n8n);
		partial.credentialId = await createCredential(partial.n8n, partial.sidecar);
	} catch (error) {
		// n8n's own words say why it stopped answering (a crash while loading a node, a port clash).
		const logs = partial.n8n?.logs();
		await dispose();
		if (logs && error instanceof Error) throw new Error(`${error.message}\nn8n's last log lines:\n${logs}`, { cause: error });
		throw error;
	}
	const stack = partial as Stack;
	stack.dispose = dispose;
	return stack;
}
