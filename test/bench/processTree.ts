import fs from 'fs';

/** A process and all its descendants, from /proc (Linux). */
export function processTree(rootPid: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// the process ended while we looked
		}
	}
	const tree: number[] = [];
	const visit = (pid: number) => {
		tree.push(pid);
		for (const child of children.get(pid) ?? []) visit(child);
	};
	visit(rootPid);
	return tree;
}

/** Proportional set size in MiB: shared pages split between the processes that share them. */
export function pssMiB(pids: number[]): number {
	let kib = 0;
	for (const pid of pids) {
		try {
			const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
			kib += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
		} catch {
			// gone
		}
	}
	return Math.round(kib / 1024);
}
