import fs from 'fs';
import path from 'path';
import { runningAs, StartupError } from './StartupError';

/**
 * Creates the data folder and proves it takes a write (a file made and removed),
 * so a folder owned by someone else, a read-only volume or a full disk stops the
 * start with one clear sentence instead of a raw error further on.
 */
export function ensureWritableDataDir(dataDir: string): void {
	const probe = path.join(dataDir, `.write-test-${process.pid}`);
	try {
		fs.mkdirSync(dataDir, { recursive: true });
		fs.writeFileSync(probe, 'ok');
		fs.rmSync(probe, { force: true });
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
		throw new StartupError(
			'DATA_DIR_NOT_WRITABLE',
			`The sidecar cannot write to its data folder ${dataDir} (${explainErrno(code)}). ` +
				`Make the folder writable for ${runningAs()}, free some disk space, or choose another folder with SIDECAR_DATA_DIR (--data-dir).`,
			dataDir,
			{ cause: error },
		);
	}
}

function explainErrno(code: string): string {
	switch (code) {
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EROFS':
			return 'it is on a read-only file system';
		case 'ENOSPC':
			return 'the disk is full';
		case 'ENOTDIR':
		case 'EEXIST':
			return 'a file, not a folder, has that name';
		default:
			return code;
	}
}
