import type { SupervisorOptions } from '../config';
import { QrRateLimitedError } from '../errors';
import type { DomainEvents } from '../events/domainEvents';
import type { Logger } from '../logger';
import { SlidingWindow } from '../util/SlidingWindow';
import { withTimeout } from '../util/withTimeout';
import { classifyDisconnect } from './disconnects';
import type { AccountInfo, EngineEvent, WhatsAppEngine } from './engine/Engine';
import { QrCode, type QrRenderer } from './QrCode';
import { RetrySchedule } from './RetrySchedule';
import { RUNNING_STATUSES, type SessionConfig, type SessionFailure, type SessionRecord, type SessionStatus } from './SessionStatus';
import { StatusLog } from './StatusLog';
import { Watchdog } from './Watchdog';

/** More takeovers than this within TAKEOVER_WINDOW_MS and the session waits instead of fighting. */
const MAX_TAKEOVERS = 3;
const TAKEOVER_WINDOW_MS = 10 * 60_000;

export interface SessionDeps {
	createEngine(): WhatsAppEngine;
	options: SupervisorOptions;
	logger: Logger;
	persist(record: SessionRecord): void;
	/** Removes the login data (the Chrome profile) of this session. */
	wipeAuth(): Promise<void>;
	/** Frees the profile's caches; only called while no browser runs. */
	pruneCaches(): Promise<void>;
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
 * A status's reason is always a code; the words behind it go in `detail`.
 */
export class Session {
	private readonly statusLog: StatusLog;
	private desired: SessionRecord['desired'];
	private account?: SessionRecord['account'];
	private engine?: WhatsAppEngine;
	private generation = 0;
	private queue: Promise<unknown> = Promise.resolve();
	private watchdog?: Watchdog;
	private readonly retries: RetrySchedule;
	private lastError?: SessionFailure;
	private readonly qrStarts: SlidingWindow;
	private readonly takeovers = new SlidingWindow(TAKEOVER_WINDOW_MS);
	private conflicts = 0;
	readonly qr: QrCode;
	private readonly log: Logger;

	constructor(
		private readonly record: SessionRecord,
		private readonly deps: SessionDeps,
	) {
		// Only a logout or a refusal survives a sidecar restart; anything else was running and is not now.
		const kept = record.status === 'LOGGED_OUT' || record.status === 'FAILED' ? record.status : 'STOPPED';
		this.statusLog = new StatusLog(kept, record.reason, record.detail, record.history);
		this.desired = record.desired;
		this.account = record.account;
		this.lastError = record.lastError;
		this.retries = new RetrySchedule(deps.options, deps.random);
		this.log = deps.logger.child({ session: record.id });
		this.qrStarts = new SlidingWindow(deps.options.qr.startWindowMs);
		this.qr = new QrCode(deps.renderQr);
	}

	get id(): string {
		return this.record.id;
	}

	get wantsToRun(): boolean {
		return this.desired === 'running';
	}

	// ---- operations (serialized)

	start(reason = 'START_REQUESTED'): Promise<void> {
		return this.enqueue(async () => {
			if (RUNNING_STATUSES.has(this.statusLog.status)) return;
			this.checkQrStartLimit();
			this.desired = 'running';
			this.retries.resetFailures();
			this.retries.clear();
			await this.launch(reason);
		});
	}

	stop(reason = 'STOP_REQUESTED'): Promise<void> {
		return this.enqueue(async () => {
			this.desired = 'stopped';
			this.retries.clear();
			await this.endEngine();
			await this.deps.pruneCaches().catch((error) => this.log.warn({ err: error }, 'could not prune caches'));
			this.transition('STOPPED', reason);
		});
	}

	restart(): Promise<void> {
		return this.enqueue(async () => {
			this.desired = 'running';
			this.retries.clear();
			await this.endEngine();
			this.retries.resetFailures();
			await this.launch('RESTART_REQUESTED');
		});
	}

	logout(): Promise<void> {
		return this.enqueue(async () => {
			this.desired = 'stopped';
			this.retries.clear();
			const engine = this.detachEngine();
			if (engine && this.statusLog.status === 'READY') {
				await engine.logout().catch((error) => this.log.warn({ err: error }, 'logout through WhatsApp Web failed'));
			}
			await engine?.stop();
			await this.forgetLogin('LOGOUT_REQUESTED');
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
		this.watchdog?.probeNow();
	}

	// ---- views

	view() {
		const { failedAttempts, nextAttemptAt, restarts } = this.retries.view();
		return {
			id: this.id,
			status: this.statusLog.status,
			reason: this.statusLog.reason ?? null,
			detail: this.statusLog.detail ?? null,
			lastError: this.lastError ?? null,
			desired: this.desired,
			config: this.record.config,
			account: this.account ?? null,
			qrAvailable: this.qr.view() !== undefined,
			failedAttempts,
			nextAttemptAt,
			conflicts: this.conflicts,
			restarts,
			browserPid: this.engine?.browserPid() ?? null,
			createdAt: this.record.createdAt,
			history: this.statusLog.history(),
		};
	}

	currentStatus(): SessionStatus {
		return this.statusLog.status;
	}

	currentEngine(): WhatsAppEngine | undefined {
		return this.engine;
	}

	/** The engine to send through, only while the session is READY. */
	readyEngine(): WhatsAppEngine | undefined {
		return this.statusLog.status === 'READY' ? this.engine : undefined;
	}

	/** When this account was linked (pacing's warm-up counts days from it). */
	linkedAt(): number | undefined {
		return this.account?.linkedAt ? Date.parse(this.account.linkedAt) : undefined;
	}

	get config(): SessionConfig {
		return this.record.config;
	}

	setConfig(config: SessionConfig): void {
		this.record.config = config;
		this.deps.persist(this.toRecord());
	}

	toRecord(): SessionRecord {
		return {
			...this.record,
			desired: this.desired,
			status: this.statusLog.status,
			reason: this.statusLog.reason,
			detail: this.statusLog.detail,
			lastError: this.lastError,
			history: this.statusLog.history(),
			account: this.account,
		};
	}

	// ---- internals

	private enqueue<T>(operation: () => Promise<T>): Promise<T> {
		const run = this.queue.then(operation, operation);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async launch(reason: string): Promise<void> {
		const generation = ++this.generation;
		this.retries.launched();
		this.qr.clear();
		this.transition('STARTING', reason);
		const engine = this.deps.createEngine();
		this.engine = engine;
		engine.onEvent((event) => this.onEngineEvent(generation, event));
		try {
			await withTimeout(engine.start(), this.deps.options.startTimeoutMs, 'starting WhatsApp Web');
		} catch (error) {
			await this.recover(generation, 'START_FAILED', (error as Error).message);
		}
	}

	private onEngineEvent(generation: number, event: EngineEvent): void {
		if (generation !== this.generation) return;
		switch (event.type) {
			case 'qr':
				this.onQr(generation, event.qr);
				break;
			case 'authenticated':
				this.transition('AUTHENTICATED', 'LOGIN_ACCEPTED');
				break;
			case 'ready':
				this.onReady(generation, event.account);
				break;
			case 'state':
				this.watchdog?.noteState(event.state);
				if (event.state === 'CONFLICT') {
					this.conflicts += 1;
					this.onConflictState(generation);
				}
				break;
			case 'disconnected':
				void this.enqueue(() => this.onDisconnected(generation, event.reason));
				break;
			case 'browserGone':
				void this.enqueue(() => this.recover(generation, event.failure, event.detail));
				break;
			case 'ack':
				this.deps.events.emit({ type: 'engine.ack', session: this.id, ack: event.ack });
				break;
			case 'message':
				this.deps.events.emit({ type: 'engine.message', session: this.id, message: event.message });
				break;
		}
	}

	private onQr(generation: number, raw: string): void {
		// Counting is immediate (a later QR may stop the session before this one's PNG is ready).
		const { number, encoded } = this.qr.update(raw);
		if (number === 1) this.qrStarts.add();
		this.deps.events.emit({ type: 'engine.qr', session: this.id, raw });
		if (number > this.deps.options.qr.maxUnscanned) {
			void this.enqueue(async () => {
				if (generation !== this.generation) return;
				this.desired = 'stopped';
				await this.endEngine();
				this.transition('STOPPED', 'QR_TIMEOUT');
			});
			return;
		}
		// SCAN_QR is announced once the QR can be served.
		encoded.then(
			() => {
				if (generation !== this.generation) return;
				if (this.statusLog.status === 'STARTING') this.transition('SCAN_QR', 'QR_REQUIRED');
				const view = this.qr.view();
				if (view?.raw === raw) this.deps.events.emit({ type: 'session.qr', session: this.id, qr: view });
			},
			(error) => this.log.error({ err: error }, 'could not draw the QR code'),
		);
	}

	private onReady(generation: number, account: AccountInfo): void {
		// The same account restoring keeps its link date; a new QR link starts a new one.
		const linkedAt = this.account?.wid === account.wid ? this.account.linkedAt : undefined;
		this.account = { ...account, linkedAt: linkedAt ?? new Date().toISOString() };
		this.qr.clear();
		this.transition('READY', 'CONNECTED');
		this.retries.resetWhenHealthy(() => generation === this.generation);
		this.watchdog = new Watchdog(
			this.deps.options.watchdog,
			(timeoutMs) => this.engine!.probe(timeoutMs),
			(reason, detail) => void this.enqueue(() => this.recover(generation, reason, detail)),
		);
		this.watchdog.start();
	}

	private onConflictState(generation: number): void {
		if (this.conflictPolicy() !== 'takeover') return;
		if (this.takeovers.add() <= MAX_TAKEOVERS) return;
		// Another browser keeps taking the session back: stop fighting, wait.
		void this.enqueue(async () => {
			if (generation !== this.generation) return;
			await this.endEngine();
			this.scheduleRetry(this.deps.options.conflict.waitMs, 'CONFLICT_REPEATED');
		});
	}

	private async onDisconnected(generation: number, reason: string): Promise<void> {
		if (generation !== this.generation) return;
		this.log.info({ reason }, 'WhatsApp Web disconnected');
		switch (classifyDisconnect(reason)) {
			case 'logged-out':
				this.desired = 'stopped';
				await this.endEngine();
				await this.forgetLogin(reason);
				return;
			case 'fatal':
				this.desired = 'stopped';
				await this.endEngine();
				this.noteFailure(reason);
				this.transition('FAILED', reason);
				return;
			case 'conflict':
				await this.endEngine();
				this.scheduleRetry(this.deps.options.conflict.waitMs, 'CONFLICT');
				return;
			case 'transient':
				await this.recover(generation, `DISCONNECTED_${reason}`);
		}
	}

	/**
	 * The failure path: the session says RECONNECTING (or FAILED) as soon as it lets go of
	 * the failed engine, ends that engine (bounded), then retries after a backoff.
	 */
	private async recover(generation: number, reason: string, detail?: string): Promise<void> {
		if (generation !== this.generation) return;
		this.log.warn({ reason, detail }, 'session failed');
		const engine = this.detachEngine();
		this.noteFailure(reason, detail);
		const delayMs = this.retries.countFailure();
		if (delayMs === undefined) {
			const last = detail ? `${reason}: ${detail}` : reason;
			this.transition('FAILED', 'RESTARTS_EXHAUSTED', `gave up after ${this.retries.maxAttempts} restart attempts; the last failure: ${last}`);
		} else {
			this.transition('RECONNECTING', reason, detail);
		}
		await this.stopEngine(engine);
		if (delayMs !== undefined) this.scheduleRetry(delayMs, reason);
	}

	/** What `lastError` shows: the last failure restarted from or given up on, kept after the session recovers. */
	private noteFailure(reason: string, detail?: string): void {
		this.lastError = { reason, detail: detail ?? null, at: new Date().toISOString() };
	}

	private scheduleRetry(delayMs: number, reason: string): void {
		this.deps.events.emit({ type: 'session.restartScheduled', session: this.id, reason, delayMs });
		if (this.statusLog.status !== 'RECONNECTING' || this.statusLog.reason !== reason) this.transition('RECONNECTING', reason);
		this.retries.schedule(delayMs, reason, () => {
			void this.enqueue(async () => {
				if (this.statusLog.status === 'RECONNECTING' && this.desired === 'running') await this.launch('RETRY');
			});
		});
	}

	/** Takes the engine away from the session: its later events are ignored from now on. */
	private detachEngine(): WhatsAppEngine | undefined {
		this.generation += 1;
		this.retries.cancelHealthyReset();
		this.watchdog?.stop();
		this.watchdog = undefined;
		const engine = this.engine;
		this.engine = undefined;
		return engine;
	}

	private endEngine(): Promise<void> {
		return this.stopEngine(this.detachEngine());
	}

	private async stopEngine(engine: WhatsAppEngine | undefined): Promise<void> {
		if (!engine) return;
		const outcome = await engine.stop();
		if (!outcome.destroyed) this.log.warn(outcome, 'destroy() did not finish in time; the browser was killed');
	}

	private async forgetLogin(reason: string): Promise<void> {
		await this.deps.wipeAuth();
		this.account = undefined;
		this.qr.clear();
		this.transition('LOGGED_OUT', reason);
	}

	private checkQrStartLimit(): void {
		if (this.account) return; // a paired session restores without a QR
		if (this.qrStarts.count() >= this.deps.options.qr.startLimit) {
			throw new QrRateLimitedError(Math.ceil(this.qrStarts.msUntilNextExpiry() / 1000));
		}
	}

	private conflictPolicy(): 'wait' | 'takeover' {
		return this.record.config.conflictPolicy ?? this.deps.options.conflict.policy;
	}

	private transition(to: SessionStatus, reason?: string, detail?: string): void {
		const { from } = this.statusLog.change(to, reason, detail);
		this.log.info({ from, to, reason, detail }, 'status');
		this.deps.persist(this.toRecord());
		this.deps.events.emit({ type: 'session.status', session: this.id, status: to, from, reason: reason ?? null, detail: detail ?? null });
	}
}
