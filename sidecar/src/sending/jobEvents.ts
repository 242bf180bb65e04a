import { EVENT_OF_JOB_STATUS } from '../contract';
import type { PublishInput } from '../events/EventBus';
import { jobView, type MessageJob } from './MessageJob';

/** The event a job's latest change means (none for `sending` or `cancelled`); the payload carries the reference. */
export function jobEvent(job: MessageJob): PublishInput | undefined {
	const type = EVENT_OF_JOB_STATUS[job.status];
	if (!type) return undefined;
	return { type, session: job.session, payload: jobView(job) } as PublishInput;
}
