import { SidecarError } from './SidecarError';

/** Storage: a database that does not take writes. */

export class StorageUnavailableError extends SidecarError {
	constructor(file: string, problem: string, cause?: unknown) {
		super(
			'STORAGE_UNAVAILABLE',
			`The sidecar could not save this to its database (${problem}), so it was not accepted. ` +
				`Check that the disk has free space and that ${file} can be written, then try again.`,
			{ file },
			{ cause },
		);
	}
}
