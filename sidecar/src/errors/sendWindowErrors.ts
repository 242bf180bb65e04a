import { SidecarError } from './SidecarError';

/** Errors of a message's send window (`sendBefore`, issue 15). */

/** The request's sendBefore cannot be met as given: already past, or not after its sendAt. */
export class SendBeforeInvalidError extends SidecarError {
	constructor(sendBefore: string, why: 'not a date' | 'past' | 'not after sendAt', sendAt?: string) {
		const reason =
			why === 'not a date'
				? 'is not a date and time (write it like 2030-05-01T09:00:00Z)'
				: why === 'past'
					? 'is already past: a message must have some time left to be sent in'
					: `is not after sendAt (${sendAt}): the message would have no time to be sent in`;
		super('SEND_BEFORE_INVALID', `sendBefore "${sendBefore}" ${reason}.`, { sendBefore, ...(sendAt ? { sendAt } : {}) });
	}
}

/** Kept on a job that was not sent by its sendBefore time: it ends `expired` and is never sent. */
export class SendWindowPassedError extends SidecarError {
	constructor(sendBefore: number) {
		super(
			'SEND_WINDOW_PASSED',
			`This message was not sent by its sendBefore time (${new Date(sendBefore).toISOString()}), so it was never sent: ` +
				'it was held back (pacing, daily caps, warm-up, quiet hours, a paused queue or a session that was not ready) until it was too late.',
			{ sendBefore: new Date(sendBefore).toISOString() },
		);
	}
}
