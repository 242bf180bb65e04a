import fs from 'fs';
import { runningAs, StartupError } from './StartupError';

/**
 * The checks a database passes before the sidecar starts on it. Each failure
 * names the file, says what is wrong and what to do; none starts the sidecar on
 * a database that silently lost its sessions, webhooks and messages.
 */

/**
 * An empty or missing database beside session logins means the data was lost (a
 * truncated file, a bad copy, a restore that forgot it), not a first start.
 */
export function checkNotLost(file: string, profilesDir: string, startFresh: boolean): void {
	const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
	if (size !== undefined && size > 0) return;
	const sessions = loginsIn(profilesDir);
	if (sessions.length === 0 || startFresh) return;
	const state = size === undefined ? 'is missing' : 'is empty (0 bytes)';
	throw new StartupError(
		'DATABASE_LOST',
		`The database ${file} ${state}, but ${profilesDir} holds the WhatsApp logins of ${sessions.length} session(s) ` +
			`(${sessions.slice(0, 5).join(', ')}${sessions.length > 5 ? ', …' : ''}), so its sessions, webhooks and messages were lost. ` +
			'Restore the file from a backup; or, to start with an empty database, start once with SIDECAR_START_FRESH=true (--start-fresh=true): ' +
			'the sessions are then created again by id (their logins are reused), webhooks are registered again when the n8n workflows are activated, and queued messages are gone.',
		file,
	);
}

/** Session ids whose Chrome profile (their WhatsApp login) is in the folder. */
function loginsIn(profilesDir: string): string[] {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(profilesDir, { withFileTypes: true });
	} catch {
		return [];
	}
	return entries.filter((d) => d.isDirectory() && d.name.startsWith('session-')).map((d) => d.name.slice('session-'.length));
}

/** Opens the file and checks it is an intact SQLite database. */
export async function checkOpens(file: string, open: () => Promise<unknown>): Promise<void> {
	let result: unknown;
	try {
		result = await open();
	} catch (error) {
		throw explainOpenError(file, error);
	}
	const rows = result as Array<{ quick_check?: string }>;
	const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
	if (problems.length) throw corrupt(file, problems.slice(0, 3).join('; '));
}

/** Writes one row: a database opened read-only (SQLite does that silently) must not start. */
export async function checkWritable(file: string, write: () => Promise<unknown>): Promise<void> {
	try {
		await write();
	} catch (error) {
		const { code, message } = error as { code?: string; message?: string };
		throw new StartupError(
			'DATABASE_NOT_WRITABLE',
			`The sidecar cannot write its database ${file} (${message ?? code}). ` +
				`Make the file and its folder writable for ${runningAs()} and free some disk space, then start again.`,
			file,
			{ cause: error },
		);
	}
}

function explainOpenError(file: string, error: unknown): StartupError {
	const { code, message } = error as { code?: string; message?: string };
	if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return corrupt(file, message ?? String(code), error);
	return new StartupError(
		'DATABASE_CANNOT_OPEN',
		`The sidecar cannot open its database ${file} (${message ?? code}). ` +
			`Check that the file and its folder exist and are readable and writable for ${runningAs()}.`,
		file,
		{ cause: error },
	);
}

function corrupt(file: string, detail: string, cause?: unknown): StartupError {
	return new StartupError(
		'DATABASE_CORRUPT',
		`The database ${file} is damaged (${detail}). Stop the sidecar and restore the file from a backup; ` +
			'or move it aside (keep it: it may be repairable with the sqlite3 tool\'s .recover) and start with SIDECAR_START_FRESH=true to begin with an empty one.',
		file,
		{ cause },
	);
}
