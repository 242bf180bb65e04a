import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');

export interface SidecarProcess {
	child: ChildProcess;
	url: string;
	output(): string;
	/** Resolves with the exit code (or signal) once the process ended. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The command from the repository: sidecar/src/bin.ts through ts-node, so no build is needed. */
export const SOURCE_COMMAND = [process.execPath, '-r', 'ts-node/register/transpile-only', 'sidecar/src/bin.ts'];

/**
 * The real `whatsapp-sidecar` command in a child process (`command`: the repository's by
 * default, or an installed one); resolves once it printed where it listens.
 */
export async function spawnSidecar(
	args: string[],
	env: Record<string, string>,
	timeoutMs = 60_000,
	command: string[] = SOURCE_COMMAND,
): Promise<SidecarProcess> {
	const [executable, ...before] = command;
	const child = spawn(executable, [...before, ...args], {
		cwd: ROOT,
		env: { ...process.env, TS_NODE_PROJECT: 'sidecar/tsconfig.json', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL'); // a sidecar that never listened must not outlive the test
			reject(new Error(`the sidecar did not start within ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const check = () => {
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stderr!.on('data', check);
		void exited.then(({ code }) => {
			clearTimeout(timer);
			reject(new Error(`the sidecar exited (${code}) before listening:\n${output}`));
		});
	});
	return { child, url, output: () => output, exited };
}
