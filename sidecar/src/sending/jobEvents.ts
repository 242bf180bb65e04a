import type { PublishInput, SidecarEventType } from '../events/EventBus';
import { jobView, type JobStatus, type MessageJob } from './MessageJob';

const EVENT_FOR_STATUS: Partial<Record<JobStatus, SidecarEventType>> = {
	queued: 'message.queued',
	scheduled: 'message.queued',
	sent: 'message.ack',
	delivered: 'message.ack',
	read: 'message.ack',
	played: 'message.ack',
	failed: 'message.failed',
	undelivered: 'message.undelivered',
	uncertain: 'message.uncertain',
};

/** The event a job's latest change means (none for `sending` or `cancelled`); the payload carries the reference. */
export function jobEvent(job: MessageJob): PublishInput | undefined {
	const type = EVENT_FOR_STATUS[job.status];
	if (!type) return undefined;
	return { type, session: job.session, payload: jobView(job) };
}
