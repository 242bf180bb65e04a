import os from 'os';

/**
 * Why the sidecar cannot start on its data folder, said so that the person
 * reading the terminal knows which file, what is wrong and what to do. The CLI
 * prints the message alone (no stack) and exits with status 1.
 */
export class StartupError extends Error {
	constructor(
		readonly code: 'DATA_DIR_NOT_WRITABLE' | 'DATABASE_CANNOT_OPEN' | 'DATABASE_CORRUPT' | 'DATABASE_NOT_WRITABLE' | 'DATABASE_LOST',
		message: string,
		readonly file: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = 'StartupError';
	}
}

/** "as user alice (uid 1000)": permissions are the usual cause, and root is not immune to read-only disks. */
export function runningAs(): string {
	try {
		const { username, uid } = os.userInfo();
		return `user ${username} (uid ${uid})`;
	} catch {
		return 'its user';
	}
}
