import { readCmdline } from '../../sidecar/src/sessions/chrome/processes';

/**
 * Kills test stand-in processes (node scripts posing as Chromium) and their groups,
 * but only those whose command line still carries `marker`: a pid freed by a test
 * may already belong to another process.
 */
export function killStandIns(pids: number[], marker: string): void {
	for (const pid of pids.splice(0)) {
		if (!readCmdline(pid)?.some((arg) => arg.includes(marker))) continue;
		for (const target of [-pid, pid]) {
			try {
				process.kill(target, 'SIGKILL');
			} catch {
				// Not a group leader, or already gone.
			}
		}
	}
}
