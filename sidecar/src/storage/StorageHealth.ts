import { StorageUnavailableError } from '../errors';
import type { Logger } from '../logger';

export interface StorageStatus {
	writable: boolean;
	file: string;
	/** What the last failed write said, while the store is not writable. */
	error?: string;
	since?: string;
}

/**
 * Whether the database takes writes. Every write goes through `guard`: a failure
 * (a full disk, a read-only volume) is logged once with the file, turns the store
 * "not writable" for /health, and reaches the caller as STORAGE_UNAVAILABLE, so a
 * request that could not be saved is never answered as accepted. The next write
 * that succeeds (or a probe) turns it writable again.
 */
export class StorageHealth {
	private failure?: { error: string; since: string };

	constructor(
		readonly file: string,
		private readonly logger: Logger,
	) {}

	async guard<T>(write: () => Promise<T>): Promise<T> {
		try {
			const result = await write();
			this.recovered();
			return result;
		} catch (error) {
			throw this.failed(error);
		}
	}

	status(): StorageStatus {
		return this.failure ? { writable: false, file: this.file, ...this.failure } : { writable: true, file: this.file };
	}

	private failed(error: unknown): StorageUnavailableError {
		const detail = error instanceof Error ? error.message : String(error);
		if (!this.failure) {
			this.failure = { error: detail, since: new Date().toISOString() };
			this.logger.error({ err: error, file: this.file }, 'the database does not take writes; requests that need one answer 503 STORAGE_UNAVAILABLE');
		}
		return new StorageUnavailableError(this.file, detail, error);
	}

	private recovered(): void {
		if (!this.failure) return;
		this.logger.warn({ file: this.file, since: this.failure.since }, 'the database takes writes again');
		this.failure = undefined;
	}
}
