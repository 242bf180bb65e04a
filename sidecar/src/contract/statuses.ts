/**
 * The statuses the sidecar reports, and how they group. Message jobs are
 * lowercase (their life from acceptance to the last ack); sessions are
 * uppercase (the supervisor's states).
 */

export const JOB_STATUSES = [
	'queued',
	'scheduled',
	'sending',
	'sent',
	'delivered',
	'read',
	'played',
	'failed',
	'undelivered',
	'uncertain',
	'cancelled',
	// sendBefore (issue 15): the send window closed before the message could go.
	'expired',
	// Opt-outs (issue 15): a bulk message to a contact who opted out, never sent.
	'skipped',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Jobs the queue still has to send. */
export const WAITING_JOB_STATUSES: readonly JobStatus[] = ['queued', 'scheduled'];
/** Jobs that will never be sent (again). `undelivered` can still turn into delivered through a late ack. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['failed', 'cancelled', 'uncertain', 'expired', 'skipped'];

/** What a job's status means for a workflow author, for the n8n option lists (one line each). */
export const JOB_STATUS_MEANINGS: Record<JobStatus, string> = {
	queued: 'Accepted; waiting for its turn (pacing) or for the session to be ready',
	scheduled: 'Accepted; waiting for its send time',
	sending: 'Being handed to WhatsApp right now',
	sent: 'WhatsApp has the message',
	delivered: "Reached the recipient's phone",
	read: 'Read (only when the recipient has read receipts on)',
	played: 'A voice note or video was played',
	failed: 'Could not be sent (the error code says why)',
	undelivered: 'Sent, but not delivered within the time the sidecar waits',
	uncertain: 'The sidecar cannot know whether it was sent (it stopped in the middle); it is not sent again',
	cancelled: 'Cancelled before it was sent (by request, or its session was deleted)',
	expired: 'Not sent by its sendBefore time (held by pacing, caps, quiet hours or the session), so never sent',
	skipped: 'Not sent: the contact opted out (bulk messages only; code OPTED_OUT)',
};

export const LANES = ['reply', 'bulk'] as const;
export type Lane = (typeof LANES)[number];

/** WhatsApp's ack levels and the names the API uses for them. */
export const ACK_NAMES: Record<number, string> = {
	[-1]: 'failed',
	0: 'pending',
	1: 'sent',
	2: 'delivered',
	3: 'read',
	4: 'played',
};

export const SESSION_STATUSES = [
	'STOPPED',
	'STARTING',
	'SCAN_QR',
	'AUTHENTICATED',
	'READY',
	'RECONNECTING',
	'LOGGED_OUT',
	'FAILED',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses in which a browser is (or is being) launched for the session. */
export const RUNNING_SESSION_STATUSES: readonly SessionStatus[] = ['STARTING', 'SCAN_QR', 'AUTHENTICATED', 'READY'];

export const SESSION_STATUS_MEANINGS: Record<SessionStatus, string> = {
	STOPPED: 'Not running (stopped on purpose, or gave up on a QR nobody scanned)',
	STARTING: 'Its browser is starting',
	SCAN_QR: 'Waiting for a QR code scan, or for a pairing code to be typed on the phone',
	AUTHENTICATED: 'Scanned; loading WhatsApp',
	READY: 'Connected and able to send',
	RECONNECTING: 'Lost its connection or browser; restarting on its own',
	LOGGED_OUT: 'Unlinked from the phone: needs a new QR scan',
	FAILED: 'Gave up after repeated failures, or WhatsApp refused it: needs attention',
};
