import { NodeOperationError, sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { sidecarRequest } from '../../transport';

/** How often the job is asked for while waiting (tests make it shorter). */
export const polling = { intervalMs: 2_000 };

/** The message has left: WhatsApp has it (`undelivered` was sent, only no delivery ack came). */
const SENT_OR_LATER = new Set(['sent', 'delivered', 'read', 'played', 'undelivered']);
/** The message will never be sent (`expired`: its sendBefore passed; `skipped`: its contact opted out). */
const FAILED = new Set(['failed', 'uncertain', 'cancelled', 'expired', 'skipped']);

/**
 * Follows a job (`GET /api/messages/:jobId`) until it is sent or later, fails, or
 * the timeout passes; then the job as it is, with `waitTimedOut: true` when the
 * wait ran out. A failed, uncertain, cancelled or expired job throws with the job's error.
 */
export async function waitUntilSent(
	this: IExecuteFunctions,
	itemIndex: number,
	accepted: IDataObject,
	timeoutSeconds: number,
): Promise<IDataObject> {
	const jobId = String(accepted.jobId);
	const deadline = Date.now() + timeoutSeconds * 1000;
	let job = accepted;
	for (;;) {
		const status = String(job.status);
		if (SENT_OR_LATER.has(status)) return job;
		if (FAILED.has(status)) throw jobFailed.call(this, itemIndex, job);
		const left = deadline - Date.now();
		if (left <= 0 || this.getExecutionCancelSignal()?.aborted === true) return { ...job, waitTimedOut: true };
		await sleep(Math.min(polling.intervalMs, left));
		job = await sidecarRequest.call(this, 'GET', `/messages/${encodeURIComponent(jobId)}`);
	}
}

function jobFailed(this: IExecuteFunctions, itemIndex: number, job: IDataObject): NodeOperationError {
	const error = (job.error ?? {}) as { code?: string; message?: string };
	const status = String(job.status);
	const reason =
		error.message ??
		(status === 'uncertain'
			? 'The sidecar cannot tell whether WhatsApp got the message, so it was not sent again.'
			: `The message was ${status}.`);
	return new NodeOperationError(this.getNode(), `The message was not sent: ${reason}`, {
		itemIndex,
		description: `Job ${String(job.jobId)} is ${status}${error.code ? ` (sidecar error code: ${error.code})` : ''}.`,
	});
}
