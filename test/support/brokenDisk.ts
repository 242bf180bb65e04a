import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/**
 * Real broken disks for storage tests: a read-only volume and a full disk, made
 * with the kernel's own means (a read-only bind mount, a small tmpfs), because
 * root ignores file permissions and CI runs as root. Without root, a read-only
 * file falls back to permissions, and a full disk is not available.
 */
export const isRoot = process.getuid?.() === 0;

function run(command: string, ...args: string[]): void {
	execFileSync(command, args, { stdio: 'pipe' });
}

/** Makes a file or folder read-only for everyone, root included; returns the undo. */
export function makeReadOnly(target: string): () => void {
	if (!isRoot) {
		const mode = fs.statSync(target).mode & 0o777;
		fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o555 : 0o444);
		return () => fs.chmodSync(target, mode);
	}
	run('mount', '--bind', target, target);
	run('mount', '-o', 'remount,bind,ro', target);
	return () => run('umount', '-l', target); // lazy: a process still holding the file must not keep the mount
}

export interface TinyDisk {
	dir: string;
	/** Fills every free byte (a file beside the data). */
	fill(): void;
	/** Removes what fill() wrote. */
	free(): void;
	unmount(): void;
}

/** A file system of `bytes` at `dir` (tmpfs; root only). */
export function tinyDisk(dir: string, bytes: number): TinyDisk {
	if (!isRoot) throw new Error('a tiny disk needs root (mount -t tmpfs)');
	fs.mkdirSync(dir, { recursive: true });
	run('mount', '-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir);
	const filler = path.join(dir, 'filler');
	return {
		dir,
		fill() {
			const chunk = Buffer.alloc(64 * 1024);
			const fd = fs.openSync(filler, 'a');
			try {
				for (;;) fs.writeSync(fd, chunk);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
			} finally {
				fs.closeSync(fd);
			}
			// The last partial chunk too: not one byte left.
			try {
				for (;;) fs.appendFileSync(filler, Buffer.alloc(1));
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
			}
		},
		free: () => fs.rmSync(filler, { force: true }),
		unmount: () => run('umount', '-l', dir),
	};
}
