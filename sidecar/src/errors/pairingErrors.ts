import { SidecarError } from './SidecarError';
import { short } from './text';

/** Linking a phone with a pairing code instead of a QR. */

export class PairingCodeNotAvailableError extends SidecarError {
	constructor(id: string, status: string) {
		const why =
			status === 'READY'
				? `The session "${id}" is already linked to a phone (READY): no code is needed. Asking WhatsApp for one now could unlink it, so the sidecar does not. To link another phone, log the session out first.`
				: status === 'AUTHENTICATED'
					? `The session "${id}" is being logged in right now (AUTHENTICATED): no code is needed.`
					: status === 'STOPPED' || status === 'LOGGED_OUT' || status === 'FAILED'
						? `The session "${id}" is not running (it is ${status}). Start it, then ask for a pairing code.`
						: `The session "${id}" is not waiting for a login yet (it is ${status}). Try again in a moment.`;
		super('PAIRING_CODE_NOT_AVAILABLE', why, { status });
	}
}

export class PairingCodeFailedError extends SidecarError {
	/** `detail`: what WhatsApp Web or the library said. */
	constructor(detail: string, options?: { cause?: unknown }) {
		super(
			'PAIRING_CODE_FAILED',
			`WhatsApp Web did not give a pairing code (${short(detail)}). Try again in a minute; if it keeps failing, restart the session, or link it with the QR code.`,
			{ detail: short(detail) },
			options,
		);
	}
}

export class PairingPhoneInvalidError extends SidecarError {
	/** `problem` finishes "… cannot be used: ". */
	constructor(phone: string, problem: string) {
		super(
			'PAIRING_PHONE_INVALID',
			`The phone number "${short(phone)}" cannot be used for a pairing code: ${problem}. Write the number of the phone to link with its country code, e.g. +62 812 3456 789 or 628123456789.`,
		);
	}
}
