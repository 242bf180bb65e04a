import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { findBrowsersUnder } from './sessions/chrome/processes';
import type { DeliveryMetrics } from './delivery/WebhookService';
import type { SessionManager } from './sessions/SessionManager';
import { SESSION_STATUSES } from './contract';

export interface SidecarMetrics {
	registry: Registry;
	/** Webhook delivery counters and latency. */
	deliveries: DeliveryMetrics;
	/** Counts an automatic restart a session scheduled (sidecar.ts connects it to `session.restartScheduled`). */
	restart(reason: string, delayMs: number): void;
}

/** Prometheus metrics; gauges are computed when scraped, so they are never stale. */
export function createMetrics(sessions: SessionManager): SidecarMetrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry, prefix: 'whatsapp_sidecar_' });

	new Gauge({
		name: 'whatsapp_sidecar_sessions',
		help: 'Sessions by status',
		labelNames: ['status'],
		registers: [registry],
		collect() {
			const all = sessions.list();
			for (const status of SESSION_STATUSES) {
				this.set({ status }, all.filter((s) => s.currentStatus() === status).length);
			}
		},
	});
	new Gauge({
		name: 'whatsapp_sidecar_browser_processes',
		help: 'Chromium processes using a session profile of this sidecar',
		registers: [registry],
		collect() {
			this.set(findBrowsersUnder(sessions.authDir).length);
		},
	});
	const restarts = new Counter({
		name: 'whatsapp_sidecar_session_restarts_total',
		help: 'Automatic session restarts scheduled, by reason',
		labelNames: ['reason'],
		registers: [registry],
	});
	const backoff = new Histogram({
		name: 'whatsapp_sidecar_backoff_wait_seconds',
		help: 'Waits before automatic restarts',
		buckets: [1, 5, 15, 60, 300, 900],
		registers: [registry],
	});
	const attempts = new Counter({
		name: 'whatsapp_sidecar_webhook_attempts_total',
		help: 'Webhook delivery attempts by outcome (delivered, retry, dead, gone)',
		labelNames: ['outcome'],
		registers: [registry],
	});
	const latency = new Histogram({
		name: 'whatsapp_sidecar_webhook_delivery_seconds',
		help: 'From an event to its successful delivery (retries included)',
		buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 300, 3600],
		registers: [registry],
	});
	return {
		registry,
		deliveries: {
			attempt: (outcome) => attempts.inc({ outcome }),
			delivered: (ms) => latency.observe(ms / 1000),
		},
		restart(reason, delayMs) {
			restarts.inc({ reason });
			backoff.observe(delayMs / 1000);
		},
	};
}
