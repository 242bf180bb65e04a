import type { DomainEvents } from '../events/domainEvents';
import type { JobStore } from '../storage/JobStore';
import type { MessageJob } from '../storage/records';

/**
 * How a changed job reaches disk and the event stream: saved first, then
 * `job.changed` once the save landed, carrying a copy taken when the change was
 * made (a change right behind it, an ack after another, cannot make this event
 * carry the later state). The send queue, the ack tracker and the service all
 * commit through here, so a job's changes are told in the order they were made.
 */
export class JobCommits {
	constructor(
		private readonly store: JobStore,
		private readonly events: DomainEvents,
	) {}

	/** Saves the job and tells its change once it is on disk. */
	commit(job: MessageJob): Promise<void> {
		// Before the save: the job on disk knows its status was announced, so a restart does not announce it again.
		const newStatus = takeNewStatus(job);
		const saved = this.store.save(job);
		const snapshot = structuredClone(job);
		return saved.then(() => this.events.emit({ type: 'job.changed', session: job.session, job: snapshot, newStatus }));
	}

	/** Tells the change of a job that is already on disk (just accepted); the next save keeps it announced. */
	announce(job: MessageJob): void {
		const newStatus = takeNewStatus(job);
		this.events.emit({ type: 'job.changed', session: job.session, job: structuredClone(job), newStatus });
	}
}

/** True when the job's status differs from the last one announced; from now on it counts as announced. */
export function takeNewStatus(job: MessageJob): boolean {
	if (job.announcedStatus === job.status) return false;
	job.announcedStatus = job.status;
	return true;
}
