import { SidecarError } from './SidecarError';

/** Errors of the opt-out list (issue 15). */

/** Kept on a bulk job: its contact is on the opt-out list, so it is skipped, never sent. */
export class OptedOutError extends SidecarError {
	constructor(contact: string) {
		super(
			'OPTED_OUT',
			`${contact} asked not to be messaged (they are on the opt-out list), so this bulk message was skipped and never sent. ` +
				'Replies to a message they send are still allowed; remove them from the list only if they asked to be messaged again.',
			{ contact },
		);
	}
}

export class OptOutNotFoundError extends SidecarError {
	constructor(contact: string, session: string | null) {
		super(
			'OPT_OUT_NOT_FOUND',
			`${contact} is not on the opt-out list${session ? ` of the session "${session}"` : ''}, so there is nothing to remove.`,
			{ contact, session },
		);
	}
}
