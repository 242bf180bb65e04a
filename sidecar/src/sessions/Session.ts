import type { SupervisorOptions } from '../config';
import { PairingCodeFailedError, PairingCodeNotAvailableError, QrRateLimitedError } from '../errors';
import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import { SlidingWindow } from '../util/SlidingWindow';
import { withTimeout } from '../util/withTimeout';
import { Conflicts } from './Conflicts';
import { classifyDisconnect } from './disconnects';
import type { AccountInfo, EngineEvent, WhatsAppEngine } from './engine/Engine';
import { WEB_VERSION_INCOMPATIBLE, WebVersionIncompatibleError } from './engine/WebVersionIncompatibleError';
import { EngineSlot } from './EngineSlot';
import { PairingCode, type PairingCodeView } from './PairingCode';
import { QrCode, type QrRenderer } from './QrCode';
import { ReadyDeadline } from './ReadyDeadline';
import { RetrySchedule } from './RetrySchedule';
import { SessionState } from './SessionState';
import { RUNNING_STATUSES, type SessionConfig, type SessionRecord, type SessionStatus } from './SessionStatus';
import { Watchdog } from './Watchdog';

/**
 * Pairing codes WhatsApp renews on its own (every 3 minutes) before a session stops waiting with
 * PAIRING_CODE_TIMEOUT: about 9 minutes to type one. Asking for a code through the API starts
 * the count again.
 */
export const PAIRING_CODES_MAX = 3;
const PAIRING_REQUEST_TIMEOUT_MS = 30_000;

export interface SessionDeps {
	createEngine(): WhatsAppEngine;
	options: SupervisorOptions;
	logger: Logger;
	persist(record: SessionRecord): void;
	/** Removes the login data (the Chrome profile) of this session. */
	wipeAuth(): Promise<void>;
	/** Frees the profile's caches; only called while no browser runs. */
	pruneCaches(): Promise<void>;
	/**
	 * Removes the saved page of this WhatsApp Web version (wwebjs-cache; unknown version: the requested
	 * one), so the next start loads web.whatsapp.com instead of it.
	 */
	clearWebVersionCache(version: string | undefined): Promise<void>;
	/** Where the session tells what happens to it: statuses, QRs, restarts, and its engine's acks and messages. */
	events: DomainEvents;
	/** Draws QR PNGs (tests pass a cheap one). */
	renderQr?: QrRenderer;
	random?: () => number;
}

/**
 * One WhatsApp session's supervisor: a state machine over an engine.
 *
 * API operations run one at a time (a queue), so two calls never launch two
 * browsers. Engine events are tagged with the engine's generation: when an
 * engine is replaced, anything its old browser still says is ignored. Failures
 * restart with backoff; logouts, refusals and unscanned QRs stop for good.
 * A status's reason is always a code; the words behind it go in its detail.
 */
export class Session {
	private readonly state: SessionState;
	private readonly slot: EngineSlot;
	private readonly retries: RetrySchedule;
	private readonly conflicts = new Conflicts();
	private readonly qrStarts: SlidingWindow;
	private queue: Promise<unknown> = Promise.resolve();
	private readyDeadline?: ReadyDeadline;
	/** The saved WhatsApp Web page is cleared once per run of failures (see clearWebVersionCacheOnce). */
	private webCacheCleared = false;
	readonly qr: QrCode;
	readonly pairing = new PairingCode();
	/** The number pairing codes are for (the API's request, or the session's pairWithPhone). */
	private pairingPhone?: string;
	/** Codes since the last one asked for through the API (the rest WhatsApp renewed on its own). */
	private unaskedCodes = 0;
	/** Set while the API's request for a code is under way: the code it brings was asked for. */
	private askingForCode = false;
	private readonly log: Logger;

	constructor(
		private readonly record: SessionRecord,
		private readonly deps: SessionDeps,
	) {
		this.log = deps.logger.child({ session: record.id });
		this.state = new SessionState(record, { persist: deps.persist, events: deps.events, logger: this.log });
		this.slot = new EngineSlot(this.log);
		this.retries = new RetrySchedule(deps.options, deps.random);
		this.qrStarts = new SlidingWindow(deps.options.qr.startWindowMs);
		this.qr = new QrCode(deps.renderQr);
	}

	get id(): string {
		return this.record.id;
	}

	get wantsToRun(): boolean {
		return this.state.desired === 'running';
	}

	// ---- operations (serialized)

	start(reason = 'START_REQUESTED'): Promise<void> {
		return this.enqueue(async () => {
			if (RUNNING_STATUSES.has(this.state.status)) return;
			this.checkQrStartLimit();
			this.state.desired = 'running';
			this.retries.resetFailures();
			this.webCacheCleared = false;
			this.retries.clear();
			await this.launch(reason);
		});
	}

	stop(reason = 'STOP_REQUESTED'): Promise<void> {
		return this.enqueue(async () => {
			this.state.desired = 'stopped';
			this.retries.clear();
			await this.endEngine();
			await this.deps.pruneCaches().catch((error) => this.log.warn({ err: error }, 'could not prune caches'));
			this.state.change('STOPPED', reason);
		});
	}

	restart(): Promise<void> {
		return this.enqueue(async () => {
			this.state.desired = 'running';
			this.retries.clear();
			await this.endEngine();
			this.retries.resetFailures();
			this.webCacheCleared = false;
			await this.launch('RESTART_REQUESTED');
		});
	}

	logout(): Promise<void> {
		return this.enqueue(async () => {
			this.state.desired = 'stopped';
			this.retries.clear();
			const engine = this.detachEngine();
			if (engine && this.state.status === 'READY') {
				await engine.logout().catch((error) => this.log.warn({ err: error }, 'logout through WhatsApp Web failed'));
			}
			await engine?.stop();
			await this.forgetLogin('LOGOUT_REQUESTED');
		});
	}

	/**
	 * Asks WhatsApp for a pairing code for `phone` (international digits), only while the page
	 * waits for a login: on a linked session WhatsApp can take it as a new link and unlink the
	 * live device, so READY is refused (like every status but a login wait).
	 */
	requestPairingCode(phone: string): Promise<PairingCodeView> {
		return this.enqueue(async () => {
			const engine = this.slot.current;
			const status = this.state.status;
			const waitingForLogin = status === 'SCAN_QR' || (status === 'STARTING' && this.qr.count + this.pairing.count > 0);
			if (!engine || !waitingForLogin) throw new PairingCodeNotAvailableError(this.id, status);
			this.pairingPhone = phone;
			this.askingForCode = true;
			let code: string;
			try {
				code = await withTimeout(engine.requestPairingCode(phone), PAIRING_REQUEST_TIMEOUT_MS, 'asking WhatsApp Web for a pairing code');
			} catch (error) {
				throw new PairingCodeFailedError(error instanceof Error ? error.message : String(error), { cause: error });
			} finally {
				this.askingForCode = false;
			}
			if (this.slot.current !== engine) throw new PairingCodeFailedError('the session restarted meanwhile');
			this.unaskedCodes = 0;
			// Usually already known from the library's `code` event; recorded here in case it came late.
			this.onPairingCode(code, true);
			return this.pairing.view()!;
		});
	}

	/** Stops the browser without changing what the session should do (sidecar shutdown, deletion). */
	close(): Promise<void> {
		return this.enqueue(async () => {
			this.retries.clear();
			await this.endEngine();
		});
	}

	/** Checks the page at once; a session whose page no longer answers is restarted. */
	checkHealth(): void {
		this.slot.probeNow();
	}

	// ---- views

	view() {
		return {
			id: this.id,
			...this.state.view(),
			qrAvailable: this.qr.view() !== undefined,
			pairingCodeAvailable: this.pairing.view() !== undefined,
			...this.retries.view(),
			conflicts: this.conflicts.count,
			browserPid: this.slot.current?.browserPid() ?? null,
			webVersion: this.slot.current?.webVersion() ?? null,
			createdAt: this.record.createdAt,
			history: this.state.history(),
		};
	}

	currentStatus(): SessionStatus {
		return this.state.status;
	}

	currentEngine(): WhatsAppEngine | undefined {
		return this.slot.current;
	}

	/** The engine to send through, only while the session is READY. */
	readyEngine(): WhatsAppEngine | undefined {
		return this.state.status === 'READY' ? this.slot.current : undefined;
	}

	/** When this account was linked (pacing's warm-up counts days from it). */
	linkedAt(): number | undefined {
		const linkedAt = this.state.account?.linkedAt;
		return linkedAt ? Date.parse(linkedAt) : undefined;
	}

	get config(): SessionConfig {
		return this.state.config;
	}

	setConfig(config: SessionConfig): void {
		this.state.setConfig(config);
	}

	toRecord(): SessionRecord {
		return this.state.toRecord();
	}

	// ---- internals

	private enqueue<T>(operation: () => Promise<T>): Promise<T> {
		const run = this.queue.then(operation, operation);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async launch(reason: string): Promise<void> {
		this.retries.launched();
		this.qr.clear();
		this.pairing.clear();
		this.unaskedCodes = 0;
		this.pairingPhone = this.state.config.pairWithPhone;
		this.state.change('STARTING', reason);
		const engine = this.deps.createEngine();
		const generation = this.slot.attach(engine, (g, event) => this.onEngineEvent(g, event));
		const deadline = new ReadyDeadline(this.deps.options.readyTimeoutMs, () => this.onReadyDeadline(generation));
		this.readyDeadline = deadline;
		try {
			await withTimeout(engine.start(), this.deps.options.startTimeoutMs, 'starting WhatsApp Web');
			if (this.slot.isCurrent(generation) && this.state.status !== 'READY') deadline.started();
		} catch (error) {
			if (error instanceof WebVersionIncompatibleError) await this.recover(generation, WEB_VERSION_INCOMPATIBLE, error.detail);
			else await this.recover(generation, 'START_FAILED', (error as Error).message);
		}
	}

	/**
	 * The page loaded, and then nothing: no READY and no progress for the ready time. Never a
	 * silent hang: the engine says what WhatsApp Web lacks (or what it was doing), and the session
	 * restarts with backoff like after any failure.
	 */
	private onReadyDeadline(generation: number): void {
		void this.enqueue(async () => {
			const engine = this.slot.current;
			if (!this.slot.isCurrent(generation) || !engine || this.state.status === 'READY') return;
			const seconds = Math.round(this.deps.options.readyTimeoutMs / 1000);
			const diagnosis = await engine.diagnose();
			await this.recover(generation, WEB_VERSION_INCOMPATIBLE, `no progress towards READY for ${seconds} s: ${diagnosis}`);
		});
	}

	private onEngineEvent(generation: number, event: EngineEvent): void {
		if (!this.slot.isCurrent(generation)) return;
		switch (event.type) {
			case 'qr':
				this.readyDeadline?.qrShown();
				return this.onQr(generation, event.qr);
			case 'pairingCode':
				return this.onPairingCode(event.code, this.askingForCode, generation);
			case 'authenticated':
				this.readyDeadline?.progress();
				return this.state.change('AUTHENTICATED', 'LOGIN_ACCEPTED');
			case 'loading':
				return this.readyDeadline?.progress();
			case 'ready':
				return this.onReady(generation, event.account);
			case 'state':
				this.slot.noteState(event.state);
				if (event.state === 'CONFLICT') this.onConflictState(generation);
				return;
			case 'disconnected':
				return void this.enqueue(() => this.onDisconnected(generation, event.reason));
			case 'browserGone':
				return void this.enqueue(() => this.recover(generation, event.failure, event.detail));
			case 'ack':
				return this.deps.events.emit({ type: 'engine.ack', session: this.id, ack: event.ack });
			case 'message':
				return this.deps.events.emit({ type: 'engine.message', session: this.id, message: event.message });
			case 'group':
				return this.deps.events.emit({ type: 'group.event', session: this.id, event: event.event });
			case 'activity':
				return this.deps.events.emit({ type: 'engine.activity', session: this.id, activity: event.activity });
			case 'call':
				return this.deps.events.emit({ type: 'engine.call', session: this.id, call: event.call });
		}
	}

	private onQr(generation: number, raw: string): void {
		// Counting is immediate (a later QR may stop the session before this one's PNG is ready).
		const { number, encoded } = this.qr.update(raw);
		if (number === 1) this.qrStarts.add();
		this.deps.events.emit({ type: 'engine.qr', session: this.id, raw });
		// Someone is linking with a code instead: the QRs beside it are not the ones going unscanned.
		if (number > this.deps.options.qr.maxUnscanned && this.pairing.count === 0) {
			void this.enqueue(async () => {
				if (!this.slot.isCurrent(generation)) return;
				this.state.desired = 'stopped';
				await this.endEngine();
				this.state.change('STOPPED', 'QR_TIMEOUT');
			});
			return;
		}
		// SCAN_QR is announced once the QR can be served.
		encoded.then(
			() => {
				if (!this.slot.isCurrent(generation)) return;
				if (this.state.status === 'STARTING') this.state.change('SCAN_QR', 'QR_REQUIRED');
				const view = this.qr.view();
				if (view?.raw === raw) this.deps.events.emit({ type: 'session.qr', session: this.id, qr: view });
			},
			(error) => this.log.error({ err: error }, 'could not draw the QR code'),
		);
	}

	/**
	 * A pairing code is shown: SCAN_QR (the one status for "waiting for a login") with reason
	 * PAIRING_CODE_REQUIRED, and the code announced. Codes WhatsApp renews on its own count
	 * towards PAIRING_CODES_MAX, like unscanned QRs.
	 */
	private onPairingCode(code: string, asked: boolean, generation?: number): void {
		const { number, isNew } = this.pairing.update(code, this.pairingPhone ?? '');
		if (!isNew) return;
		if (number === 1 && this.qr.count === 0) this.qrStarts.add();
		if (!asked && ++this.unaskedCodes > PAIRING_CODES_MAX && generation !== undefined) {
			void this.enqueue(async () => {
				if (!this.slot.isCurrent(generation)) return;
				this.state.desired = 'stopped';
				await this.endEngine();
				this.state.change('STOPPED', 'PAIRING_CODE_TIMEOUT');
			});
			return;
		}
		if (this.state.status === 'STARTING') this.state.change('SCAN_QR', 'PAIRING_CODE_REQUIRED');
		this.deps.events.emit({ type: 'session.pairingCode', session: this.id, pairing: this.pairing.view()! });
	}

	private onReady(generation: number, account: AccountInfo): void {
		this.readyDeadline?.stop();
		this.webCacheCleared = false;
		this.state.link(account);
		this.qr.clear();
		this.pairing.clear();
		this.state.change('READY', 'CONNECTED');
		this.retries.resetWhenHealthy(() => this.slot.isCurrent(generation));
		this.slot.watch(
			new Watchdog(
				this.deps.options.watchdog,
				(timeoutMs) => this.slot.current!.probe(timeoutMs),
				(reason, detail) => void this.enqueue(() => this.recover(generation, reason, detail)),
			),
		);
	}

	private onConflictState(generation: number): void {
		const policy = this.state.config.conflictPolicy ?? this.deps.options.conflict.policy;
		if (!this.conflicts.note(policy)) return;
		// Another browser keeps taking the session back: stop fighting, wait.
		void this.enqueue(async () => {
			if (!this.slot.isCurrent(generation)) return;
			await this.endEngine();
			this.scheduleRetry(this.deps.options.conflict.waitMs, 'CONFLICT_REPEATED');
		});
	}

	private async onDisconnected(generation: number, reason: string): Promise<void> {
		if (!this.slot.isCurrent(generation)) return;
		this.log.info({ reason }, 'WhatsApp Web disconnected');
		switch (classifyDisconnect(reason)) {
			case 'logged-out':
				this.state.desired = 'stopped';
				await this.endEngine();
				return this.forgetLogin(reason);
			case 'fatal':
				this.state.desired = 'stopped';
				await this.endEngine();
				this.state.noteFailure(reason);
				return this.state.change('FAILED', reason);
			case 'conflict':
				await this.endEngine();
				return this.scheduleRetry(this.deps.options.conflict.waitMs, 'CONFLICT');
			case 'transient':
				return this.recover(generation, `DISCONNECTED_${reason}`);
		}
	}

	/**
	 * The failure path: the session says RECONNECTING (or FAILED) as soon as it lets go of
	 * the failed engine, ends that engine (bounded), then retries after a backoff.
	 */
	private async recover(generation: number, reason: string, detail?: string): Promise<void> {
		if (!this.slot.isCurrent(generation)) return;
		this.log.warn({ reason, detail }, 'session failed');
		const engine = this.detachEngine();
		this.state.noteFailure(reason, detail);
		const delayMs = this.retries.countFailure();
		if (delayMs === undefined) {
			const attempts = this.retries.maxAttempts === 1 ? '1 restart attempt' : `${this.retries.maxAttempts} restart attempts`;
			const last = detail ? `${reason}: ${detail}` : reason;
			this.state.change('FAILED', 'RESTARTS_EXHAUSTED', `gave up after ${attempts}; the last failure: ${last}`);
		} else {
			this.state.change('RECONNECTING', reason, detail);
		}
		await this.slot.stop(engine);
		if (reason === WEB_VERSION_INCOMPATIBLE) await this.clearWebVersionCacheOnce(engine?.webVersion()?.version ?? undefined);
		if (delayMs !== undefined) this.scheduleRetry(delayMs, reason);
	}

	private scheduleRetry(delayMs: number, reason: string): void {
		this.deps.events.emit({ type: 'session.restartScheduled', session: this.id, reason, delayMs });
		if (this.state.status !== 'RECONNECTING' || this.state.reason !== reason) this.state.change('RECONNECTING', reason);
		this.retries.schedule(delayMs, reason, () => {
			void this.enqueue(async () => {
				if (this.state.status === 'RECONNECTING' && this.state.desired === 'running') await this.launch('RETRY');
			});
		});
	}

	/**
	 * The saved page of the failing version goes, once per run of failures: it may be the page that
	 * no longer works (a saved one WhatsApp moved away from), or one the library saved at login
	 * before it found it could not get ready, which would otherwise be loaded again and again. The
	 * next start loads what web.whatsapp.com serves. Other saved versions stay: they are what an
	 * older version can be pinned to (SIDECAR_WEB_VERSION).
	 */
	private async clearWebVersionCacheOnce(version: string | undefined): Promise<void> {
		if (this.webCacheCleared) return;
		this.webCacheCleared = true;
		try {
			await this.deps.clearWebVersionCache(version);
			this.log.warn({ version }, 'removed the saved WhatsApp Web page of this version (wwebjs-cache); the next start loads web.whatsapp.com');
		} catch (error) {
			this.log.warn({ err: error }, 'could not clear the saved WhatsApp Web page');
		}
	}

	/** Takes the engine away from the session: its later events are ignored from now on. */
	private detachEngine(): WhatsAppEngine | undefined {
		this.readyDeadline?.stop();
		this.readyDeadline = undefined;
		this.retries.cancelHealthyReset();
		return this.slot.detach();
	}

	private endEngine(): Promise<void> {
		return this.slot.stop(this.detachEngine());
	}

	private async forgetLogin(reason: string): Promise<void> {
		await this.deps.wipeAuth();
		this.state.unlink();
		this.qr.clear();
		this.pairing.clear();
		this.state.change('LOGGED_OUT', reason);
	}

	private checkQrStartLimit(): void {
		if (this.state.account) return; // a paired session restores without a QR
		if (this.qrStarts.count() >= this.deps.options.qr.startLimit) {
			throw new QrRateLimitedError(Math.ceil(this.qrStarts.msUntilNextExpiry() / 1000));
		}
	}
}
